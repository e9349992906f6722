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

    /** The out-of-context file: clock and I/O delays. */
    public static String outOfContext(DesignTiming t) {
        ClockSpec c = t.clock();
        StringBuilder sb = new StringBuilder(Tcl.header(t, "Vivado out-of-context XDC"));
        sb.append("# Mark this file USED_IN {synthesis implementation out_of_context}: in a bigger design\n")
          .append("# the parent creates the clock.\n\n")
          .append(Tcl.createClock(c)).append('\n');
        String delay = "-clock " + Tcl.getClocks(c) + " " + Tcl.ns(t.spec().ioDelayNs()) + " ";
        Tcl.ioDelays(sb, t, delay);
        return sb.toString();
    }

    /** The exceptions file: valid in any context, creates no clocks. */
    public static String exceptions(DesignTiming t) {
        StringBuilder sb = new StringBuilder(Tcl.header(t, "Vivado XDC (timing exceptions)"));
        sb.append("# Valid in or out of context: creates no clocks (those are in ").append(t.top())
          .append("_ooc.xdc).\n")
          .append("# No exceptions are needed: one clock, every path single-cycle");
        if (t.reset() != null) {
            sb.append(", and reset ").append(t.reset().name()).append(" is timed like data, never false-pathed");
        }
        sb.append(".\n");
        return sb.toString();
    }
}
