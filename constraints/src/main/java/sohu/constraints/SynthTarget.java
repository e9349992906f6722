package sohu.constraints;

import java.util.Locale;

/** Which Yosys synthesis script {@link YosysSynth} runs. */
public enum SynthTarget {
    /** {@code synth}: technology-independent gates ({@code $_AND_}, {@code $_DFF_P_}, ...). */
    GENERIC("synth -top %s"),
    /**
     * {@code synth_xilinx} for 7-series (LUT6, FDRE, DSP48E1, RAMB18E1/36E1), out of context like
     * Vivado's OOC runs: no I/O or clock buffers, so counts reflect the block alone.
     */
    XILINX("synth_xilinx -top %s -noiopad -noclkbuf");

    private final String command;

    SynthTarget(String command) {
        this.command = command;
    }

    /** The Yosys synthesis command for {@code top}. */
    public String command(String top) {
        return String.format(Locale.ROOT, command, top);
    }

    /** Lower-case name. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The synthesis that fits a flow target (ASIC: generic gates). */
    public static SynthTarget forFlow(FlowTarget t) {
        return t == FlowTarget.XILINX ? XILINX : GENERIC;
    }
}
