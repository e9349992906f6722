package sohu.cli;

import java.util.Locale;

/** Where the generated RTL goes, which decides the constraints' flavour and the default clock. */
public enum Target {
    /** Any simulator or synthesis tool; no vendor-specific constraints. */
    GENERIC(500),
    /** AMD/Xilinx FPGAs (Vivado, XDC constraints). */
    XILINX(250),
    /** ASIC flows (OpenROAD/OpenLane, Design Compiler; SDC constraints). */
    ASIC(1000);

    private final double defaultClockMhz;

    Target(double defaultClockMhz) {
        this.defaultClockMhz = defaultClockMhz;
    }

    /** Clock frequency used when {@code --clock-mhz} is not given. */
    public double defaultClockMhz() {
        return defaultClockMhz;
    }

    /** Lower-case name as written on the command line and in manifests. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
