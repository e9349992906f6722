package sohu.constraints;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The timing intent the constraint files express, all times in ns.
 *
 * @param clockMhz target frequency of every clock not named in {@code clocks}
 * @param ioBudget fraction of the period spent outside the block on each I/O path (0.2 is the
 *                 usual OpenLane/ORFS default); becomes the input and output delays
 * @param uncertaintyNs clock uncertainty (pre-CTS jitter and skew margin)
 * @param transitionNs ideal clock transition (ASIC, before clock-tree synthesis)
 * @param drivingCell library cell assumed to drive every input (ASIC placeholder)
 * @param drivingPin its output pin
 * @param loadPf load on every output, in the library's capacitance unit (ASIC placeholder)
 * @param clocks frequencies of particular clocks, by clock port name (e.g. {@code clk_b}); the
 *               I/O budget applies to each clock's own period
 */
public record FlowSpec(double clockMhz, double ioBudget, double uncertaintyNs, double transitionNs,
                       String drivingCell, String drivingPin, double loadPf, Map<String, Double> clocks) {

    /** OpenLane's defaults for sky130; the generated SDC exposes them as variables to change. */
    public static final String DEFAULT_DRIVING_CELL = "sky130_fd_sc_hd__inv_2";
    /** Output pin of {@link #DEFAULT_DRIVING_CELL}. */
    public static final String DEFAULT_DRIVING_PIN = "Y";

    public FlowSpec {
        if (!(clockMhz > 0) || Double.isInfinite(clockMhz)) {
            throw new IllegalArgumentException("clock frequency must be positive, got " + clockMhz + " MHz");
        }
        if (!(ioBudget >= 0 && ioBudget < 0.5)) {
            // Both sides together must leave part of the period for the block itself.
            throw new IllegalArgumentException("I/O budget must be in [0, 0.5), got " + ioBudget);
        }
        if (!(uncertaintyNs >= 0) || !(transitionNs >= 0) || !(loadPf >= 0)) {
            throw new IllegalArgumentException("uncertainty, transition and load must be non-negative");
        }
        if (!drivingCell.matches("[A-Za-z0-9_$./]+") || !drivingPin.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("driving cell and pin must be plain library names");
        }
        clocks.forEach((port, mhz) -> {
            if (!port.matches("[A-Za-z_][A-Za-z0-9_]*") || !(mhz > 0) || Double.isInfinite(mhz)) {
                throw new IllegalArgumentException("clock " + port + " at " + mhz
                        + " MHz: a clock is a port name with a positive frequency");
            }
        });
        clocks = Collections.unmodifiableMap(new TreeMap<>(clocks)); // sorted: deterministic everywhere
    }

    /**
     * Defaults for a clock: 20% I/O budget, OpenLane's 0.25 ns uncertainty capped at 10% of the
     * period (so fast clocks keep most of their cycle), 0.15 ns transition, 0.05 load.
     */
    public static FlowSpec ofMhz(double clockMhz) {
        double period = Tcl.roundPs(1000.0 / clockMhz);
        return new FlowSpec(clockMhz, 0.2, uncertaintyFor(period, 0.25), 0.15,
                DEFAULT_DRIVING_CELL, DEFAULT_DRIVING_PIN, 0.05, Map.of());
    }

    private static double uncertaintyFor(double periodNs, double cap) {
        return Tcl.roundPs(Math.min(cap, 0.1 * periodNs));
    }

    /** The same spec with another I/O budget. */
    public FlowSpec withIoBudget(double budget) {
        return new FlowSpec(clockMhz, budget, uncertaintyNs, transitionNs, drivingCell, drivingPin, loadPf, clocks);
    }

    /** The same spec with clock port {@code port} at {@code mhz} (the others keep {@link #clockMhz}). */
    public FlowSpec withClockMhz(String port, double mhz) {
        Map<String, Double> c = new TreeMap<>(clocks);
        c.put(port, mhz);
        return new FlowSpec(clockMhz, ioBudget, uncertaintyNs, transitionNs, drivingCell, drivingPin, loadPf, c);
    }

    /** Frequency of the clock entering by {@code port} (null: a virtual clock): its own, else the default. */
    public double clockMhz(String port) {
        Double own = port == null ? null : clocks.get(port);
        return own != null ? own : clockMhz;
    }

    /** Period of that clock in ns, rounded to the picosecond. */
    public double periodNs(String port) {
        return Tcl.roundPs(1000.0 / clockMhz(port));
    }

    /**
     * Uncertainty of that clock: {@link #uncertaintyNs}, or for a clock with its own frequency the
     * rule of {@link #ofMhz} on its period (0.25 ns, at most 10% of the period).
     */
    public double uncertaintyNs(String port) {
        return port != null && clocks.containsKey(port) ? uncertaintyFor(periodNs(port), 0.25) : uncertaintyNs;
    }

    /** Input and output delay of that clock's ports: the I/O budget times its period. */
    public double ioDelayNs(String port) {
        return Tcl.roundPs(ioBudget * periodNs(port));
    }

    /** Clock period in ns, rounded to the picosecond so every file states the same number. */
    public double periodNs() {
        return Tcl.roundPs(1000.0 / clockMhz);
    }

    /** Input and output delay in ns: the I/O budget times the period. */
    public double ioDelayNs() {
        return Tcl.roundPs(ioBudget * periodNs());
    }
}
