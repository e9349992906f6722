package sohu.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sohu.core.fp.FpFormat;
import sohu.core.xformer.VectorConfig;
import sohu.core.xformer.rtl.VectorUnit;
import sohu.hdl.Elaborator;

/** {@code sohu generate vector}: the vector unit (softmax, RMSNorm, SiLU/SwiGLU, ...) as a standalone design. */
@Command(name = "vector", mixinStandardHelpOptions = true,
        description = {"Writes the vector unit: L FP32 lanes behind an accumulator-like memory, row instructions "
                + "(cmd_*), FP32 write-back or converted activation writes (wr_*), reductions (red_*), counters.",
            "Checks the exp sizing rule: L >= R*C/(4*head_dim) for the R x C array it serves.",
            "The files go straight into the output folder (not a subfolder)."})
public final class GenerateVectorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GenerateOptions options;

    @Option(names = "--lanes", paramLabel = "L", defaultValue = "16",
            description = "Lanes, a power of two 1..256 (default: ${DEFAULT-VALUE}, the default array's columns).")
    int lanes;

    @Option(names = "--format", paramLabel = "F", defaultValue = "bf16",
            description = "Activation format of converted writes: bf16, fp16, e4m3, e5m2, fp32 (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--depth", paramLabel = "W", defaultValue = "1024",
            description = "Words of the memory, a power of two (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--array", paramLabel = "RxC", defaultValue = "16x16",
            description = "The array the unit serves, for the exp sizing check (default: ${DEFAULT-VALUE}).")
    String array;

    @Option(names = "--head-dim", paramLabel = "D", defaultValue = "128",
            description = "Attention head dimension, for the exp sizing check (default: ${DEFAULT-VALUE}).")
    int headDim;

    @Override
    public Integer call() {
        FpFormat f = GenerateFmaCommand.parseFormat(spec, format);
        if (lanes < 1 || lanes > 256) {
            throw new ParameterException(spec.commandLine(), "--lanes must be a power of two 1..256, got " + lanes);
        }
        String[] rc = array.toLowerCase(Locale.ROOT).split("x");
        int rows;
        int cols;
        try {
            rows = Integer.parseInt(rc[0]);
            cols = Integer.parseInt(rc[1]);
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "--array must be ROWSxCOLS, e.g. 16x16, got '" + array + "'");
        }
        VectorUnit.Params p;
        try {
            VectorConfig cfg = new VectorConfig(lanes, f);
            cfg.checkExpThroughput(rows, cols, headDim);
            p = new VectorUnit.Params(cfg, depth);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        DesignOutput.Written w = DesignOutput.writeOne(new DesignOutput.Design("vector",
                Elaborator.elaborate(VectorUnit.class, p), p.manifestAttributes()), options.out(), options);
        spec.commandLine().getOut().println("  " + w.summary());
        spec.commandLine().getOut().println("Wrote the " + lanes + "-lane vector unit, "
                + f.name().toLowerCase(Locale.ROOT) + " activations (" + options.describe() + ") into " + w.dir());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
