package sohu.constraints;

import java.util.Locale;

/** Which flow the generated files serve; decides the constraint flavour and which files are written. */
public enum FlowTarget {
    /** Any tool: a plain SDC (clock and I/O delays) and a FuseSoC core. */
    GENERIC,
    /** AMD/Xilinx Vivado: an out-of-context XDC, an exceptions XDC and a FuseSoC core. */
    XILINX,
    /** ASIC flows (OpenROAD/OpenLane, Design Compiler): a full SDC, an OpenLane config and a FuseSoC core. */
    ASIC;

    /** Lower-case name, as on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The target of that (case-insensitive) name; throws listing the choices otherwise. */
    public static FlowTarget parse(String s) {
        for (FlowTarget t : values()) {
            if (t.id().equalsIgnoreCase(s.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown flow target '" + s + "'; choose generic, xilinx or asic");
    }
}
