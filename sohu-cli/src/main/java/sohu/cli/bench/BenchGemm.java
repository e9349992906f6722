package sohu.cli.bench;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sohu.cli.CliException;
import sohu.core.array.ArrayConfig;
import sohu.core.fp.FpFormat;
import sohu.verify.array.GemmBench;

/** {@code sohu bench gemm}: the matrix engine's utilization from its counters, results checked bit for bit. */
@Command(name = "gemm", mixinStandardHelpOptions = true,
        description = {"Runs GEMMs with M >= 8R on Verilated square engines and prints utilization = M*K*N / (R*C * "
                + "cycles) from the hardware counters, with the lost cycles by kind. Each result is checked bit for "
                + "bit against the golden model and the counters against the cycle model; exit 1 on any mismatch."})
public final class BenchGemm implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--sizes", split = ",", paramLabel = "N", defaultValue = "4,8,16",
            description = "Square array sizes, 2..256 (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--format", paramLabel = "F", defaultValue = "bf16",
            description = "Input format: bf16, fp16, e4m3, e5m2 (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--latency", paramLabel = "L", defaultValue = "" + ArrayConfig.DEFAULT_LATENCY,
            description = "FMA latency, 1..4 (default: ${DEFAULT-VALUE}).")
    int latency;

    @Option(names = "--no-check", description = "Skip loading operands and comparing C (counters are still checked).")
    boolean noCheck;

    @Override
    public Integer call() {
        if (latency < 1 || latency > 4) {
            throw new ParameterException(spec.commandLine(), "--latency must be 1..4, got " + latency);
        }
        FpFormat f;
        try {
            f = FpFormat.valueOf(format.toUpperCase(Locale.ROOT));
            for (int n : sizes) {
                if (n < 2 || n > 256) {
                    throw new ParameterException(spec.commandLine(), "--sizes must be 2..256, got " + n);
                }
                ArrayConfig.of(n, n, f);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage().startsWith("No enum")
                    ? "unknown --format '" + format + "'; choose one of bf16, fp16, e4m3, e5m2" : e.getMessage());
        }
        int bad = GemmBench.run(spec.commandLine().getOut(), sizes, f, latency, !noCheck);
        if (bad > 0) {
            throw new CliException(bad + " GEMM(s) did not match");
        }
        return 0;
    }
}
