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
import sohu.core.model.ModelSpec;

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

    @Override
    public Integer call() {
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
        print(spec.commandLine().getOut(), b);
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
        out.printf(Locale.ROOT, "%-18s %10s %6s", "phase", "cycles", "util%");
        for (CycleBreakdown.Kind k : CycleBreakdown.Kind.values()) {
            out.print(" " + pad(k.label(), width(k)));
        }
        out.println();
        for (CycleBreakdown.Row r : br.rows()) {
            row(out, r.phase().substring(LayerBench.LAYER.length()), r.total(), r::get);
        }
        row(out, "total", br.cycles(), br::total);
        out.flush();
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
