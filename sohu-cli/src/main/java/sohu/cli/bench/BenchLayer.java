package sohu.cli.bench;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sohu.cli.model.CoreOptions;
import sohu.core.compile.CoreConfig;
import sohu.core.golden.CycleBreakdown;
import sohu.core.golden.LayerBench;
import sohu.core.golden.SimResult;
import sohu.core.model.ModelSpec;
import sohu.verify.soc.RtlLayerBench;
import sohu.verilator.axi.HbmConfig;

/**
 * {@code sohu bench layer}: one decoder layer's prefill compiled and timed on the golden simulator
 * (the {@code CostModel}'s cycles, timing only), with the array's utilization over the layer and
 * where the other cycles go, per phase.
 */
@Command(name = "layer", mixinStandardHelpOptions = true,
        description = {"Compiles one decoder layer's prefill (a one-layer random Llama, one sequence of --tokens "
                + "tokens) and times it on the golden simulator (timing only: the schedule does not depend on the data). "
                + "Prints the layer's cycles, array utilization (ideal M*K*N/(R*C) cycles over all cycles) and, per "
                + "phase, where the compute queue's cycles went."})
public final class BenchLayer implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CoreOptions coreOptions;

    @Option(names = "--tokens", paramLabel = "T", defaultValue = "512", description = "Prompt tokens (default: ${DEFAULT-VALUE}).")
    int tokens;

    @Option(names = "--hidden", paramLabel = "H", defaultValue = "256", description = "hidden_size (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--heads", paramLabel = "N", defaultValue = "4", description = "Query heads (default: ${DEFAULT-VALUE}).")
    int heads;

    @Option(names = "--kv-heads", paramLabel = "N", defaultValue = "2", description = "KV heads (default: ${DEFAULT-VALUE}).")
    int kvHeads;

    @Option(names = "--head-dim", paramLabel = "D", defaultValue = "64", description = "head_dim (default: ${DEFAULT-VALUE}).")
    int headDim;

    @Option(names = "--intermediate", paramLabel = "I", defaultValue = "688",
            description = "intermediate_size (default: ${DEFAULT-VALUE}, Llama's 8/3 x hidden rounded to the array).")
    int intermediate;

    @Option(names = "--act-depth", paramLabel = "W", defaultValue = "4096",
            description = "Words per activation bank (default: ${DEFAULT-VALUE}).")
    int actDepth;

    @Option(names = "--wgt-depth", paramLabel = "W", defaultValue = "16384",
            description = "Words per weight bank (default: ${DEFAULT-VALUE}).")
    int wgtDepth;

    @Option(names = "--acc-depth", paramLabel = "W", defaultValue = "4096",
            description = "Words per accumulator bank (default: ${DEFAULT-VALUE}).")
    int accDepth;

    @Option(names = "--vec-depth", paramLabel = "W", defaultValue = "4096",
            description = "Words of the vector memory (default: ${DEFAULT-VALUE}).")
    int vecDepth;

    @Option(names = "--kv-block", paramLabel = "B", defaultValue = "16",
            description = "Tokens per KV-cache block (default: ${DEFAULT-VALUE}).")
    int kvBlock;

    @Option(names = "--axi-bytes", paramLabel = "N", defaultValue = "32",
            description = "HBM port bytes per cycle (default: ${DEFAULT-VALUE}).")
    int axiBytes;

    @Option(names = "--engine", paramLabel = "E", defaultValue = "golden",
            description = "golden (the cycle model) or rtl (also runs the step on the SohuCore in Verilator on an HBM3 model "
                    + "of 100 cycles latency: its cycles, counters and breakdown next to the model's; slow at 512 tokens) "
                    + "(default: ${DEFAULT-VALUE}).")
    String engine;

    @Override
    public Integer call() {
        if (!engine.equals("golden") && !engine.equals("rtl")) {
            throw new ParameterException(spec.commandLine(), "--engine must be golden or rtl, got '" + engine + "'");
        }
        if (tokens < 1 || tokens > 4095) {
            throw new ParameterException(spec.commandLine(), "--tokens must be 1..4095, got " + tokens);
        }
        if (hidden < 1 || heads < 1 || kvHeads < 1 || headDim < 1 || intermediate < 1) {
            throw new ParameterException(spec.commandLine(), "--hidden, --heads, --kv-heads, --head-dim and "
                    + "--intermediate must be at least 1");
        }
        CoreConfig base = coreOptions.core();
        ModelSpec model = new ModelSpec(hidden, intermediate, heads, kvHeads, headDim, 1, 1e-5, 10000.0, 64, false);
        LayerBench b;
        try {
            CoreConfig core = new CoreConfig(base.rows(), base.cols(), base.format(), base.lanes(), actDepth, wgtDepth,
                    accDepth, vecDepth, kvBlock, base.kvBlocks(), axiBytes);
            b = LayerBench.run(model, core, tokens, 1);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        print(out, b);
        if (engine.equals("rtl")) {
            out.println("running the step on the RTL core in Verilator (the first run builds it)...");
            out.flush();
            RtlLayerBench r = RtlLayerBench.run(b, HbmConfig.hbm3(100), c -> {
                out.printf(Locale.ROOT, "  ... %,d cycles%n", c);
                out.flush();
            });
            printRtl(out, r);
        }
        return 0;
    }

    static void print(PrintWriter out, LayerBench b) {
        CoreConfig c = b.core();
        ModelSpec s = b.spec();
        out.printf(Locale.ROOT, "layer prefill: %d tokens, hidden %d, %d heads of %d, %d KV heads, intermediate %d%n",
                b.tokens(), s.hiddenSize(), s.numHeads(), s.headDim(), s.numKvHeads(), s.intermediateSize());
        out.printf(Locale.ROOT, "core %s: aDepth %d, wDepth %d, cDepth %d, vDepth %d words, %d-token KV blocks, "
                        + "%d HBM bytes/cycle; %d instructions in the step%n", c.tag(), c.aDepth(), c.wDepth(), c.cDepth(),
                c.vDepth(), c.kvBlockTokens(), c.axiBytes(), b.instructions());
        CycleBreakdown br = b.layer();
        out.printf(Locale.ROOT, "layer: %d cycles, array busy %d, utilization %.1f%%%n", br.cycles(),
                br.total(CycleBreakdown.Kind.ARRAY), 100 * br.utilization());
        table(out, "phase", br);
        out.flush();
    }

    static void printRtl(PrintWriter out, RtlLayerBench r) {
        SimResult m = r.model().run();
        out.printf(Locale.ROOT, "rtl step: %d cycles (model %d, %+.1f%%), array busy %d (counter), utilization %.1f%%; "
                        + "busy load %d, compute %d, store %d (model %d, %d, %d); compute token wait %d, vector busy %d%n",
                r.run().cycles(), m.cycles(), 100.0 * m.cycles() / r.run().cycles() - 100, r.run().counter("array_busy"),
                100 * r.stepUtilization(), r.run().counter("load_busy"), r.run().counter("compute_busy"),
                r.run().counter("store_busy"), m.queueBusy()[0], m.queueBusy()[1], m.queueBusy()[2],
                r.run().counter("compute_token_wait"), r.run().counter("vector_busy"));
        CycleBreakdown br = r.layer();
        out.printf(Locale.ROOT, "rtl layer: %d cycles (model %d), array busy %d, utilization %.1f%% (model %.1f%%)%n", br.cycles(),
                r.model().layer().cycles(), br.total(CycleBreakdown.Kind.ARRAY), 100 * br.utilization(),
                100 * r.model().layer().utilization());
        table(out, "rtl phase", br);
        out.printf(Locale.ROOT, "simulation: %.1f s, %.0f core cycles/s in Verilator%n", r.wallSeconds(), r.cyclesPerSecond());
        out.flush();
    }

    /** The breakdown per phase of the layer, then its total. */
    private static void table(PrintWriter out, String title, CycleBreakdown br) {
        out.printf(Locale.ROOT, "%-18s %10s %6s", title, "cycles", "util%");
        for (CycleBreakdown.Kind k : CycleBreakdown.Kind.values()) {
            out.print(" " + pad(k.label(), width(k)));
        }
        out.println();
        for (CycleBreakdown.Row r : br.rows()) {
            row(out, r.phase().substring(LayerBench.LAYER.length()), r.total(), r::get);
        }
        row(out, "total", br.cycles(), br::total);
    }

    private static String pad(String s, int w) {
        return " ".repeat(Math.max(0, w - s.length())) + s;
    }

    private static int width(CycleBreakdown.Kind k) {
        return Math.max(9, k.label().length());
    }

    private static void row(PrintWriter out, String name, long total, java.util.function.ToLongFunction<CycleBreakdown.Kind> get) {
        out.printf(Locale.ROOT, "%-18s %10d %6.1f", name, total,
                total == 0 ? 0.0 : 100.0 * get.applyAsLong(CycleBreakdown.Kind.ARRAY) / total);
        for (CycleBreakdown.Kind k : CycleBreakdown.Kind.values()) {
            out.print(" " + pad(Long.toString(get.applyAsLong(k)), width(k)));
        }
        out.println();
    }
}
