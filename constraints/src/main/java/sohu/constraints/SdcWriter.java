package sohu.constraints;

import java.util.List;
import sohu.hdl.ir.Port;

/**
 * Writes SDC. The ASIC flavour (OpenROAD/OpenLane, Design Compiler) adds {@code set_units},
 * the ideal clock transition, and driving-cell and load placeholders as Tcl variables at the
 * top of the file; the generic flavour keeps only what any SDC reader accepts.
 */
public final class SdcWriter {
    private SdcWriter() { }

    /** The SDC text for {@code t}; {@code asic} selects the ASIC flavour. */
    public static String write(DesignTiming t, boolean asic) {
        FlowSpec s = t.spec();
        StringBuilder sb = new StringBuilder(Tcl.header(t, asic ? "ASIC SDC (OpenROAD/OpenLane, Design Compiler)"
                : "SDC"));
        List<Port> inputs = t.delayedInputs();
        List<Port> outputs = t.outputs();
        if (asic) {
            sb.append("\n# Settings for your standard-cell library (sky130 defaults). Capacitance is in the\n")
              .append("# library's unit (pF for sky130).\n")
              .append("set sohu_driving_cell ").append(s.drivingCell()).append('\n')
              .append("set sohu_driving_pin  ").append(s.drivingPin()).append('\n')
              .append("set sohu_output_load  ").append(Tcl.ns(s.loadPf())).append('\n')
              .append("\nset_units -time ns\n");
        }
        sb.append('\n');
        for (DesignTiming.Domain d : t.domains()) {
            ClockSpec c = d.clock();
            sb.append(Tcl.createClock(c)).append('\n');
            sb.append("set_clock_uncertainty ").append(Tcl.ns(d.uncertaintyNs())).append(' ').append(Tcl.getClocks(c))
              .append('\n');
            if (asic && !c.isVirtual()) {
                // An ideal clock's transition; clock-tree synthesis replaces it with the propagated one.
                sb.append("set_clock_transition ").append(Tcl.ns(s.transitionNs())).append(' ')
                  .append(Tcl.getClocks(c)).append('\n');
            }
        }
        sb.append(Tcl.clockGroups(t, Tcl::getClocks));
        Tcl.ioDelays(sb, t, d -> Tcl.ns(d.ioDelayNs()) + " -clock " + Tcl.getClocks(d.clock()) + " ");
        if (asic && (!inputs.isEmpty() || !outputs.isEmpty())) {
            sb.append('\n');
            if (!inputs.isEmpty()) {
                sb.append("set_driving_cell -lib_cell $sohu_driving_cell -pin $sohu_driving_pin ")
                  .append(Tcl.getPorts(inputs)).append('\n');
            }
            if (!outputs.isEmpty()) {
                sb.append("set_load $sohu_output_load ").append(Tcl.getPorts(outputs)).append('\n');
            }
        }
        return sb.toString();
    }
}
