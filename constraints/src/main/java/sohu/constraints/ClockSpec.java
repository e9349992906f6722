package sohu.constraints;

/**
 * One clock: its name in the constraints, the port it enters by (null for a virtual clock,
 * which a design without a clock uses as the reference for its I/O delays) and its period.
 */
public record ClockSpec(String name, String port, double periodNs) {
    /** Name of the virtual clock of designs without a clock port. */
    public static final String VIRTUAL_NAME = "vclk";

    public ClockSpec {
        if (!(periodNs > 0)) {
            throw new IllegalArgumentException("clock period must be positive, got " + periodNs + " ns");
        }
    }

    /** Whether no port carries this clock. */
    public boolean isVirtual() {
        return port == null;
    }
}
