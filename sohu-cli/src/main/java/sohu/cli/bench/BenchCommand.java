package sohu.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import sohu.cli.CliException;

/**
 * {@code sohu bench}: the project's benchmarks, each checking what it simulates; without a
 * subcommand, all of them with their defaults. Exit code 1 if any result did not match.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Runs the benchmarks: gemm (matrix-engine utilization), fma (FMA tile area and checked "
                + "throughput), bridge (Verilator bridge speed), elaboration (the language on the ARRAY.md array), "
                + "array-sim (that array in Verilator against its Java model), vector (the vector unit's accuracy, cycles and "
                + "area), kv (the KV cache unit's translation cycles),"
                + " dma (the DMA engine's bus utilization against the HBM model), layer (one decoder layer's compiled prefill "
                + "on the golden simulator's timing), batching (array utilization of the seed's batching step, scaled down).",
            "Without a subcommand runs all ten with their defaults. Every simulated result is checked; exit "
                    + "code 1 if any did not match."},
        subcommands = {BenchGemm.class, BenchFma.class, BenchBridge.class, BenchScript.Elaboration.class,
            BenchScript.ArraySim.class, BenchVector.class, BenchKv.class, BenchDma.class,
            BenchLayer.class, BenchBatching.class})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> failed = new ArrayList<>();
        for (CommandLine sub : spec.commandLine().getSubcommands().values()) {
            if (sub.getCommandName().equals("help")) {
                continue;
            }
            spec.commandLine().getOut().println("== sohu bench " + sub.getCommandName());
            spec.commandLine().getOut().flush();
            int code = sub.execute();
            if (code != 0) {
                failed.add(sub.getCommandName() + " (exit " + code + ")");
            }
        }
        if (!failed.isEmpty()) {
            throw new CliException("benchmarks failed: " + String.join(", ", failed));
        }
        return 0;
    }
}
