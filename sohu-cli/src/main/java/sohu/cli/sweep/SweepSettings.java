package sohu.cli.sweep;

import sohu.core.perf.SohuChip;

/**
 * Settings that apply to every point of a sweep.
 *
 * @param clockMhz     array clock for the performance model
 * @param macBudget    multiply-accumulate units per chip: each point gets
 *                     {@code floor(macBudget / (R·C))} arrays, so every point has the same peak
 *                     FLOP/s and differs in utilization (and bytes per format)
 * @param synth        run Yosys ({@code false} with {@code --no-synth})
 * @param synthMaxPes  largest array (R·C) that is synthesized; larger ones are skipped with a note
 */
public record SweepSettings(double clockMhz, long macBudget, boolean synth, int synthMaxPes) {
    /** Default clock: that of the reference Sohu chip ({@link SohuChip#DEFAULT}, 1.2 GHz). */
    public static final double DEFAULT_CLOCK_MHZ = SohuChip.DEFAULT.clockHz() / 1e6;
    /** Default MAC budget: the reference chip's 64 arrays of 256×256. */
    public static final long DEFAULT_MAC_BUDGET =
            (long) SohuChip.DEFAULT.arrays() * SohuChip.DEFAULT.rows() * SohuChip.DEFAULT.cols();
    /** Default size cap for synthesis, in PEs: 16×16 (Yosys takes about 1.5 min for 8×8 on one core, growing with size). */
    public static final int DEFAULT_SYNTH_MAX_PES = 256;

    /** Validates the values. */
    public SweepSettings {
        if (!(clockMhz > 0 && clockMhz <= 10_000)) {
            throw new IllegalArgumentException("--clock-mhz must be in (0, 10000], got " + clockMhz);
        }
        if (macBudget < 1) {
            throw new IllegalArgumentException("--macs must be at least 1, got " + macBudget);
        }
        if (synthMaxPes < 0) {
            throw new IllegalArgumentException("--synth-max-pes must be >= 0, got " + synthMaxPes);
        }
    }

    /** The defaults. */
    public static SweepSettings defaults() {
        return new SweepSettings(DEFAULT_CLOCK_MHZ, DEFAULT_MAC_BUDGET, true, DEFAULT_SYNTH_MAX_PES);
    }

    /** Whether this point is to be synthesized. */
    public boolean synthesizes(SweepPoint p) {
        return synth && p.pes() <= synthMaxPes;
    }

    /** Arrays per chip for this point (at least one). */
    public long arrays(SweepPoint p) {
        return Math.max(1, macBudget / p.pes());
    }

    /**
     * Whether an earlier result can stand for this run: it succeeded, was predicted with the same
     * clock and array count, and was synthesized if this run synthesizes it.
     */
    public boolean satisfiedBy(PointResult r) {
        if (!r.ok() || r.perf() == null) {
            return false;
        }
        boolean sameClock = ResultCsv.fixed(r.perf().clockMhz(), 1).equals(ResultCsv.fixed(clockMhz, 1));
        boolean sameArrays = r.perf().arrays() == arrays(r.point());
        boolean area = !synthesizes(r.point()) || r.area().status() == PointResult.SynthStatus.DONE;
        return sameClock && sameArrays && area;
    }
}
