package sohu.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sohu.cli.model.CoreOptions;
import sohu.core.compile.CoreConfig;
import sohu.core.mem.rtl.DmaConfig;
import sohu.core.soc.rtl.ControlSlave;
import sohu.core.soc.rtl.SohuCore;
import sohu.hdl.lib.AxiLiteRegBank;

/** {@code sohu generate core}: the whole SohuCore (docs/ISA.md) with its constraints. */
@Command(name = "core", mixinStandardHelpOptions = true,
        description = {"Writes one SohuCore: sequencer and instruction fetch, matrix engine, vector unit, DMA engine, "
                + "AXI4 master to HBM (m_axi_*) and AXI4-Lite control slave (s_axil_*). The manifest lists the core's "
                + "parameters and the control registers; docs/ISA.md documents the instruction set.",
            "The files go straight into the output folder (not a subfolder)."})
public final class GenerateCoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GenerateOptions options;

    @Mixin
    CoreOptions coreOptions;

    @Option(names = "--depth", paramLabel = "WORDS", defaultValue = "1024",
            description = "Words of each on-chip memory bank (activations, weights, accumulators, vector memory), "
                    + "a power of two (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--axi-bits", paramLabel = "BITS",
            description = "Data width of the AXI4 master to HBM, a power of two 64..1024 (default: "
                    + "the core's, 256).")
    Integer axiBits;

    @Option(names = "--bursts", paramLabel = "N",
            description = "AXI bursts the DMA keeps in flight in each direction, 1..64 (default: the core's).")
    Integer bursts;

    @Override
    public Integer call() {
        SohuCore.Params p = withBus(params(withAxi(coreOptions.core(), axiBits), depth), bursts);
        DesignOutput.Written w = DesignOutput.writeOne(new DesignOutput.Design("core", SohuCore.elaborate(p), attributes(p)),
                options.out(), options);
        spec.commandLine().getOut().println("  " + w.summary());
        spec.commandLine().getOut().println("Wrote the SohuCore " + p.core().tag() + ", " + p.dma().dataBits()
                + "-bit AXI4 (" + options.describe() + ") into " + w.dir());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The core of {@code core}'s array and format with memories of {@code depth} words; a usage error if it cannot be built. */
    static SohuCore.Params params(CoreConfig core, int depth) {
        try {
            return SohuCore.Params.of(core.withMemories(depth));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage().replace("aDepth", "--depth"), Main.EXIT_USAGE);
        }
    }

    /** The core with an HBM port of {@code bits} bits (unchanged when null); a usage error if not a power of two 64..1024. */
    static CoreConfig withAxi(CoreConfig c, Integer bits) {
        if (bits == null) {
            return c;
        }
        if (bits < 64 || bits > 1024 || Integer.bitCount(bits) != 1) {
            throw new CliException("--axi-bits must be a power of two in 64..1024, got " + bits, Main.EXIT_USAGE);
        }
        return c.withAxiBytes(bits / 8);
    }

    /** The core with {@code n} DMA bursts in flight each way (unchanged when null); a usage error outside 1..64. */
    static SohuCore.Params withBus(SohuCore.Params p, Integer n) {
        if (n == null) {
            return p;
        }
        try {
            return new SohuCore.Params(p.core(), p.sequencer(), p.dma().withBursts(n), p.fetch());
        } catch (IllegalArgumentException e) {
            throw new CliException("--bursts must be 1..64, got " + n, Main.EXIT_USAGE);
        }
    }

    /** The manifest's description of the core. */
    static Map<String, Object> attributes(SohuCore.Params p) {
        CoreConfig c = p.core();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "core");
        m.put("array", c.rows() + "x" + c.cols());
        m.put("format", c.format().name());
        m.put("vector_lanes", c.lanes());
        m.put("memories", Map.of("act_words", c.aDepth(), "wgt_words", c.wDepth(), "acc_words", c.cDepth(),
                "vmem_words", c.vDepth()));
        DmaConfig d = p.dma();
        m.put("dma", d.attributes());
        m.put("sequencer_queue_depth", p.sequencer().queueDepth());
        m.put("instruction_set", "docs/ISA.md (128-bit instructions, little-endian, fetched from HBM)");
        List<String> regs = new ArrayList<>();
        List<AxiLiteRegBank.Reg> list = new ControlSlave.Params(SohuCore.counters()).registers();
        for (int i = 0; i < list.size(); i++) {
            regs.add(String.format("0x%03X %s", 4 * i, list.get(i).name()));
        }
        m.put("control_registers", regs);
        return m;
    }
}
