package sohu.constraints;

import java.util.ArrayList;
import java.util.List;
import sohu.hdl.ir.ModuleDef;
import sohu.hdl.ir.Port;

/**
 * The one description every constraint file is written from: the top module's clock, reset
 * and data ports (in declaration order) and the timing intent. The language's conventions
 * decide the roles: the clock is the 1-bit input {@code clk}, the reset the 1-bit input
 * {@code rst}; every other port is data.
 *
 * @param top module name
 * @param clock the clock, virtual when the design has no clock port
 * @param reset the reset port, or null
 * @param resetAsync whether the top module's registers reset asynchronously
 * @param inputs data inputs (neither clock nor reset)
 * @param outputs outputs
 * @param spec timing intent
 */
public record DesignTiming(String top, ClockSpec clock, Port reset, boolean resetAsync,
                           List<Port> inputs, List<Port> outputs, FlowSpec spec) {
    /** Port name of the clock, by the language's convention. */
    public static final String CLOCK_PORT = "clk";
    /** Port name of the reset, by the language's convention. */
    public static final String RESET_PORT = "rst";

    public DesignTiming {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** Classifies the ports of {@code top}. */
    public static DesignTiming of(ModuleDef top, FlowSpec spec) {
        Port clk = role(top, CLOCK_PORT);
        Port rst = role(top, RESET_PORT);
        List<Port> in = new ArrayList<>();
        List<Port> out = new ArrayList<>();
        for (Port p : top.ports()) {
            if (p == clk || p == rst) {
                continue;
            }
            (p.isInput() ? in : out).add(p);
        }
        ClockSpec clock = clk != null ? new ClockSpec(clk.name(), clk.name(), spec.periodNs())
                : new ClockSpec(ClockSpec.VIRTUAL_NAME, null, spec.periodNs());
        return new DesignTiming(top.name(), clock, rst, top.resetAsync(), in, out, spec);
    }

    private static Port role(ModuleDef top, String name) {
        Port p = top.port(name);
        return p != null && p.isInput() && p.width() == 1 ? p : null;
    }

    /** Every input that gets an input delay: data inputs, then the reset (timed like data). */
    public List<Port> delayedInputs() {
        List<Port> all = new ArrayList<>(inputs);
        if (reset != null) {
            all.add(reset);
        }
        return all;
    }
}
