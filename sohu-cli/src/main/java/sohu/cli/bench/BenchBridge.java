package sohu.cli.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sohu.cli.CliException;
import sohu.verilator.bench.BridgeBench;

/** {@code sohu bench bridge}: build times and cycles per second of the Verilator bridge. */
@Command(name = "bridge", mixinStandardHelpOptions = true,
        description = {"Cold, ccache-warm and cached build times of a small design and the cycles per second of a "
                + "Java loop that pokes two inputs, steps and peeks two outputs every cycle, checked against a Java "
                + "model; exit 1 if the simulation disagrees."})
public final class BenchBridge implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--cycles", paramLabel = "N", defaultValue = "5000000",
            description = "Cycles per measurement (default: ${DEFAULT-VALUE}).")
    long cycles;

    @Override
    public Integer call() throws Exception {
        if (cycles < 1000) {
            throw new ParameterException(spec.commandLine(), "--cycles must be at least 1000, got " + cycles);
        }
        try {
            BridgeBench.main(new String[] {Long.toString(cycles)});
        } catch (AssertionError e) {
            throw new CliException("bridge benchmark: " + e.getMessage());
        }
        return 0;
    }
}
