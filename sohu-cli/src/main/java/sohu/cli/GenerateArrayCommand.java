package sohu.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sohu.core.array.ArrayConfig;
import sohu.core.array.MatrixEngine;
import sohu.core.fp.FpFormat;

/** {@code sohu generate array}: the matrix engine (systolic array, scratchpads, controller) for a size and format. */
@Command(name = "array", mixinStandardHelpOptions = true,
        description = {"Writes the matrix engine: an R x C weight-stationary systolic array of FMA tiles with its "
                + "scratchpads, accumulator memory, controller and performance counters.",
            "The files go straight into the output folder (not a subfolder)."})
public final class GenerateArrayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GenerateOptions options;

    @Option(names = "--rows", paramLabel = "R", defaultValue = "16", description = "Array rows, 2..256 (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--cols", paramLabel = "C", defaultValue = "16", description = "Array columns, 2..256 (default: ${DEFAULT-VALUE}).")
    int cols;

    @Option(names = "--format", paramLabel = "F", defaultValue = "bf16",
            description = "Input format: bf16, fp16, e4m3, e5m2, fp32 (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--latency", paramLabel = "L", defaultValue = "" + ArrayConfig.DEFAULT_LATENCY,
            description = "FMA tile latency, 1..4 (default: ${DEFAULT-VALUE}).")
    int latency;

    @Option(names = "--depth", paramLabel = "W", defaultValue = "" + ArrayConfig.DEFAULT_DEPTH,
            description = "Words per scratchpad bank, a power of two (default: ${DEFAULT-VALUE}).")
    int depth;

    @Override
    public Integer call() {
        FpFormat f = GenerateFmaCommand.parseFormat(spec, format);
        checkSize("--rows", rows);
        checkSize("--cols", cols);
        ArrayConfig base = ArrayConfig.of(rows, cols, f);
        ArrayConfig withLatency = OptionErrors.apply(spec, "--latency", () -> base.withLatency(latency));
        ArrayConfig cfg = OptionErrors.apply(spec, "--depth", () -> withLatency.withDepth(depth));
        DesignOutput.Written w = DesignOutput.writeOne(
                new DesignOutput.Design("array", MatrixEngine.elaborate(cfg), cfg.manifestAttributes()),
                options.out(), options);
        spec.commandLine().getOut().println("  " + w.summary());
        spec.commandLine().getOut().println("Wrote the " + rows + "x" + cols + " " + f.name().toLowerCase(Locale.ROOT)
                + " matrix engine (" + options.describe() + ") into " + w.dir());
        spec.commandLine().getOut().flush();
        return 0;
    }

    private void checkSize(String option, int n) {
        if (n < 2 || n > 256) {
            throw new ParameterException(spec.commandLine(), option + " must be 2..256, got " + n);
        }
    }
}
