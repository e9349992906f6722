package sohu.cli.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sohu.cli.CliException;
import sohu.verify.Mismatch;
import sohu.verify.fp.FmaBench;

/** {@code sohu bench fma}: FMA tile area (Yosys) and checked regression throughput (Verilator). */
@Command(name = "fma", mixinStandardHelpOptions = true,
        description = {"For every input format and latency 1..4: Yosys generic synth -flatten cells and flip-flops of "
                + "the standalone FMA tile, and the Verilator throughput of random operations each checked against "
                + "the golden model (best of 3). Prints a Markdown table; exit 1 on any mismatch."})
public final class BenchFma implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--ops", paramLabel = "N", defaultValue = "2000000",
            description = "Operations per configuration and round (default: ${DEFAULT-VALUE}).")
    long ops;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "out/bench/fma",
            description = "Emitted tiles and Yosys logs (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (ops < 10) {
            throw new ParameterException(spec.commandLine(), "--ops must be at least 10, got " + ops);
        }
        String table;
        try {
            table = FmaBench.run(ops, out, spec.commandLine().getErr());
        } catch (Mismatch m) {
            throw new CliException("FMA mismatch: " + m.port() + " expected " + m.expected() + ", actual " + m.actual()
                    + " (" + m.inputs() + ")");
        }
        spec.commandLine().getOut().print(table);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
