package sohu.cli.bench;

import java.io.IOException;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sohu.cli.CliException;
import sohu.hdl.exec.ExternalCommand;

/**
 * Benchmarks that are shell scripts under {@code bench/} (they time fresh JVMs and Verilator
 * binaries with {@code /usr/bin/time}); run with the terminal attached, exit code passed on.
 */
abstract class BenchScript implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ENV=VALUE", arity = "0..*",
            description = "Settings passed to the script's environment, e.g. SIZES=\"16 32\".")
    List<String> env = new ArrayList<>();

    abstract String script();

    @Override
    public Integer call() throws IOException, InterruptedException {
        for (String kv : env) {
            if (kv.indexOf('=') <= 0) {
                throw new ParameterException(spec.commandLine(), "expected ENV=VALUE, got '" + kv + "'");
            }
        }
        Path home = Path.of(System.getProperty("sohu.home", "."));
        Path sh = home.resolve("bench").resolve(script());
        if (!Files.isRegularFile(sh)) {
            throw new CliException("cannot find " + sh + " (run ./sohu from a clone of the repository)");
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (String kv : env) {
            int eq = kv.indexOf('=');
            vars.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        // Benchmarks can run for hours (the full elaboration sweep lints N = 256); no limit a user would meet.
        int code = ExternalCommand.of("bash", sh.toString()).in(home).env(vars).inheritIO()
                .timeout(Duration.ofDays(2)).run().exit();
        if (code != 0) {
            throw new CliException("bench/" + script() + " failed (exit " + code + ")");
        }
        return 0;
    }

    /** {@code sohu bench elaboration}. */
    @Command(name = "elaboration", mixinStandardHelpOptions = true,
            description = {"bench/elaboration.sh: elaborates and emits the ARRAY.md systolic array for N = 16..256 in "
                    + "fresh JVMs (time, memory, lines) and lints it with verilator --lint-only -Wall; exit 1 on any "
                    + "lint warning. Settings: SIZES, LINT, LINT_MAX, REPEAT, PHASES, JAVA_OPTS."})
    static final class Elaboration extends BenchScript {
        @Override
        String script() {
            return "elaboration.sh";
        }
    }

    /** {@code sohu bench array-sim}. */
    @Command(name = "array-sim", mixinStandardHelpOptions = true,
            description = {"bench/array-sim.sh: builds the ARRAY.md array with verilator --binary, runs its testbench "
                    + "and compares the checksum with the Java model's; exit 1 on a difference. Settings: SIZES, "
                    + "CYCLES, CCACHE, OPT_FAST."})
    static final class ArraySim extends BenchScript {
        @Override
        String script() {
            return "array-sim.sh";
        }
    }
}
