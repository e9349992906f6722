package sohu.constraints;

import java.util.List;

/**
 * Writes Vivado XDC as a pair (FLOWS.md #7): {@code <top>_ooc.xdc} creates the clock and the
 * I/O delays for out-of-context runs only, {@code <top>.xdc} holds the exceptions that stay
 * valid inside a bigger design. XDC has no {@code set_units} (always ns), and Vivado models
 * drivers and loads itself.
 */
public final class XdcWriter {
    private XdcWriter() { }

    /** The out-of-context file: clocks and I/O delays. */
    public static String outOfContext(DesignTiming t) {
        StringBuilder sb = new StringBuilder(Tcl.header(t, "Vivado out-of-context XDC"));
        sb.append("# Mark this file USED_IN {synthesis implementation out_of_context}: in a bigger design\n")
          .append("# the parent creates the clock").append(t.singleClock() ? "" : "s").append(".\n\n");
        t.domains().forEach(d -> sb.append(Tcl.createClock(d.clock())).append('\n'));
        Tcl.ioDelays(sb, t, d -> "-clock " + Tcl.getClocks(d.clock()) + " " + Tcl.ns(d.ioDelayNs()) + " ");
        return sb.toString();
    }

    /**
     * The exceptions file: valid in any context, creates no clocks. Several clock domains are
     * made unrelated here, each clock found from its port, whoever created it.
     */
    public static String exceptions(DesignTiming t) {
        StringBuilder sb = new StringBuilder(Tcl.header(t, "Vivado XDC (timing exceptions)"));
        sb.append("# Valid in or out of context: creates no clocks (those are in ").append(t.top())
          .append("_ooc.xdc).\n");
        List<String> resets = t.domains().stream().filter(d -> d.reset() != null).map(d -> d.reset().name()).toList();
        if (t.portClocks().size() < 2) {
            sb.append("# No exceptions are needed: one clock, every path single-cycle");
            if (!resets.isEmpty()) {
                sb.append(", and reset ").append(resets.get(0)).append(" is timed like data, never false-pathed");
            }
            return sb.append(".\n").toString();
        }
        sb.append(Tcl.clockGroups(t, c -> "[get_clocks -of_objects [get_ports " + c.port() + "]]"));
        sb.append("# Every other path is single-cycle");
        if (!resets.isEmpty()) {
            sb.append(", and reset").append(resets.size() > 1 ? "s " : " ").append(String.join(", ", resets))
              .append(resets.size() > 1 ? " are" : " is").append(" timed like data, never false-pathed");
        }
        return sb.append(".\n").toString();
    }
}
