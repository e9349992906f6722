package sohu.cli;

import java.io.IOException;
import java.time.Duration;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import sohu.hdl.exec.ExternalCommand;
import sohu.hdl.exec.CommandException;

/**
 * {@code sohu test}: installs missing simulators, then runs the whole suite with
 * {@code mvn -B verify} from the repository root; extra arguments go to Maven.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        customSynopsis = "sohu test [-hV] [--tools-only] [MAVEN_ARG...]",
        description = {"Runs the whole test suite (mvn -B verify in the repository root; $MVN instead of mvn "
                + "when set), Verilator included.",
            "First installs every tool the suite runs if missing (Verilator, Yosys, Icarus Verilog, ccache, "
                    + "nextpnr-ice40, tclsh, make, g++; apt-get, through sudo -n when not root), or stops with "
                    + "the command that would install them.",
            "Other arguments are passed to Maven, e.g. 'sohu test -Dsohu.long=true' or "
                    + "'sohu test -pl hdl-dsl'."})
public final class TestCommand implements Callable<Integer> {
    /** Only a hung build trips this: the long regressions take a few hours at most. */
    private static final Duration SUITE_TIMEOUT = Duration.ofHours(24);

    @Spec
    CommandSpec spec;

    @Option(names = "--tools-only", description = "Only check (and install) the tools; do not run Maven.")
    boolean toolsOnly;

    @Unmatched
    List<String> mavenArgs = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ToolInstaller tools = new ToolInstaller(err);
        tools.ensureInstalled();
        if (toolsOnly) {
            out.println(String.join(", ", ToolInstaller.TOOLS.keySet()) + " are installed");
            out.flush();
            return 0;
        }
        Path root = repositoryRoot();
        String mvn = maven(System.getenv());
        List<String> cmd = new ArrayList<>(List.of(mvn, "-B", "verify"));
        cmd.addAll(mavenArgs);
        err.println("sohu: running " + String.join(" ", cmd) + " in " + root);
        err.flush();
        out.flush();
        long started = System.currentTimeMillis() - 2000; // file times have coarse resolution
        try {
            int exit = ExternalCommand.of(cmd).in(root).inheritIO().timeout(SUITE_TIMEOUT).run().exit();
            if (exit == 0) {
                checkReports(root, started);
            }
            return exit;
        } catch (CommandException e) {
            if (e.kind() == CommandException.Kind.CANNOT_START) {
                throw new CliException("cannot run Maven (" + mvn + "): " + Main.oneLine(e.getMessage())
                        + "; install it with: sudo apt-get install -y maven, or set MVN");
            }
            throw new CliException(Main.oneLine(e.getMessage()));
        }
    }

    /** Fails the run when Surefire filed tests under the wrong class (wrong per-class counts). */
    private static void checkReports(Path root, long since) {
        List<String> bad;
        try {
            bad = SurefireReports.misfiled(root, since);
        } catch (IOException e) {
            throw new CliException("cannot read the Surefire reports under " + root + ": " + e.getMessage());
        }
        if (!bad.isEmpty()) {
            throw new CliException("the tests passed, but Surefire filed tests under the wrong class, so its "
                    + "per-class counts are wrong: " + String.join("; ", bad));
        }
    }

    /** The Maven command: {@code $MVN} when set (as the launcher uses it), else {@code mvn}. */
    static String maven(Map<String, String> env) {
        String m = env.get("MVN");
        return m == null || m.isBlank() ? "mvn" : m.strip();
    }

    /** The repository root: {@code -Dsohu.home} (set by ./sohu), else the nearest folder whose pom.xml lists sohu-cli. */
    static Path repositoryRoot() {
        String home = System.getProperty("sohu.home");
        if (home != null && !home.isEmpty()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path pom = p.resolve("pom.xml");
            try {
                if (Files.isRegularFile(pom) && Files.readString(pom).contains("<module>sohu-cli</module>")) {
                    return p;
                }
            } catch (IOException e) {
                // keep looking upwards
            }
        }
        throw new CliException("cannot find the sohu repository (no pom.xml listing module sohu-cli in or above "
                + Path.of("").toAbsolutePath() + "); run ./sohu from a checkout");
    }
}
