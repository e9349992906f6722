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
import sohu.core.fp.FpFormat;
import sohu.core.fp.rtl.FmaTop;

/** {@code sohu generate fma}: one standalone FMA tile (a×b + c, FP32 accumulate) for a format and latency. */
@Command(name = "fma", mixinStandardHelpOptions = true,
        description = {"Writes a standalone FMA tile: ports clk, rst, in_valid, a, b (format width), c (32), "
                + "out_valid, out (32); the result of inputs at cycle t appears at t + latency.",
            "The files go straight into the output folder (not a subfolder)."})
public final class GenerateFmaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GenerateOptions options;

    @Option(names = "--format", paramLabel = "F", defaultValue = "bf16",
            description = "Input format of a and b: bf16, fp16, e4m3, e5m2, fp32 (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--latency", paramLabel = "L", defaultValue = "" + ArrayConfig.DEFAULT_LATENCY,
            description = "Pipeline stages, 1 to 4 (default: ${DEFAULT-VALUE}).")
    int latency;

    @Override
    public Integer call() {
        FpFormat f = parseFormat(spec, format);
        if (latency < 1 || latency > 4) {
            throw new ParameterException(spec.commandLine(), "--latency must be 1 to 4, got " + latency);
        }
        DesignOutput.Written w = DesignOutput.writeOne(
                new DesignOutput.Design("fma", FmaTop.elaborate(f, latency), FmaTop.manifestAttributes(f, latency)),
                options.out(), options);
        spec.commandLine().getOut().println("  " + w.summary());
        spec.commandLine().getOut().println("Wrote the " + f.name().toLowerCase(Locale.ROOT) + " FMA tile, latency "
                + latency + " (" + options.describe() + ") into " + w.dir());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The number format of that name (case-insensitive), or a one-line parameter error. */
    static FpFormat parseFormat(CommandSpec spec, String name) {
        try {
            return FpFormat.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "unknown --format '" + name
                    + "'; choose one of bf16, fp16, e4m3, e5m2, fp32");
        }
    }
}
