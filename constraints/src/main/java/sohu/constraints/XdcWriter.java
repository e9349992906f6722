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
        sb.append("\n# Every data port by name; the clock port gets no delay.\n");
        if (!t.inputs().isEmpty()) {
            sb.append("set_input_delay ").append(delay).append(Tcl.getPorts(t.inputs())).append('\n');
        }
        if (!t.outputs().isEmpty()) {
            sb.append("set_output_delay ").append(delay).append(Tcl.getPorts(t.outputs())).append('\n');
        }
        if (t.reset() != null) {
            sb.append('\n').append(Tcl.resetComment(t))
              .append("set_input_delay ").append(delay).append(Tcl.getPorts(List.of(t.reset()))).append('\n');
        }
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
