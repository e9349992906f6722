package sohu.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;
import sohu.hdl.HdlException;

/**
 * The {@code sohu} command. Exit codes: 0 success; 1 a failure while running (I/O, missing
 * tools, failed tests); 2 a usage error (bad option or value) or errors in the design.
 */
@Command(name = "sohu", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Generates the Sohu-class transformer accelerator's SystemVerilog, models its "
                + "performance and runs its test suite.",
        subcommands = {GenerateCommand.class, PerfCommand.class, TestCommand.class,
                sohu.cli.sweep.SweepCommand.class, sohu.cli.regress.RegressCommand.class, sohu.cli.bench.BenchCommand.class,
                sohu.cli.model.ModelCommand.class, sohu.cli.model.RunCommand.class, sohu.cli.serve.ServeCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Run 'sohu COMMAND --help' for the options of a command."})
public final class Main implements Callable<Integer> {
    /** Exit code of a failure while running a command. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code of a usage error or of errors in the design. */
    public static final int EXIT_USAGE = 2;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command; choose one of: "
                + String.join(", ", commandNames(spec)));
    }

    /** Entry point of the launcher {@code ./sohu}. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the command line in-process, printing to {@code out} and {@code err}; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        int code;
        try {
            code = commandLine(out, err).execute(args);
        } catch (Throwable t) { // Errors (e.g. a failing static initializer) bypass picocli's handler
            out.flush();
            err.println("sohu: internal error: " + oneLine(t.toString())
                    + (t.getCause() != null ? " caused by " + oneLine(t.getCause().toString()) : "")
                    + " (set SOHU_DEBUG=1 for the stack trace)");
            if (System.getenv("SOHU_DEBUG") != null) {
                t.printStackTrace(err);
            }
            code = EXIT_FAILURE;
        }
        out.flush();
        err.flush();
        return code;
    }

    /** The configured command line: output streams, error handling, case-insensitive enums. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler(Main::failure);
        return cl;
    }

    /** Bad command line: one clear line, a suggestion if any, and where to find help. */
    private static int usageError(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("sohu: " + oneLine(describe(ex)));
        if (ex instanceof UnmatchedArgumentException u) {
            List<String> suggestions = u.getSuggestions();
            if (!suggestions.isEmpty()) {
                err.println("Did you mean: " + String.join(" or ", suggestions) + "?");
            }
        }
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return EXIT_USAGE;
    }

    private static String describe(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            CommandSpec spec = ex.getCommandLine().getCommandSpec();
            String where = spec.parent() == null ? "" : " for '" + spec.qualifiedName() + "'";
            if (arg.startsWith("-")) {
                return "unknown option '" + arg + "'" + where;
            }
            if (!spec.subcommands().isEmpty()) {
                return "unknown command '" + arg + "'" + where + "; choose one of: "
                        + String.join(", ", commandNames(spec));
            }
            return "unexpected argument '" + arg + "'" + where;
        }
        String m = ex.getMessage();
        return m == null || m.isEmpty() ? ex.toString() : Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }

    /** A failure while running: design errors in full (exit 2), anything else in one line (exit 1). */
    private static int failure(Exception ex, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        int code;
        if (ex instanceof HdlException h) {
            err.println("sohu: " + h.getMessage());
            code = EXIT_USAGE;
        } else if (ex instanceof CliException c) {
            err.println("sohu: " + oneLine(c.getMessage()));
            code = c.exitCode();
        } else if (ex instanceof UncheckedIOException || ex instanceof IOException
                || ex instanceof IllegalArgumentException || ex instanceof IllegalStateException) {
            err.println("sohu: " + oneLine(ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            code = EXIT_FAILURE;
        } else {
            err.println("sohu: internal error: " + oneLine(ex.toString())
                    + " (set SOHU_DEBUG=1 for the stack trace)");
            code = EXIT_FAILURE;
        }
        if (System.getenv("SOHU_DEBUG") != null) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** Joins the lines of a message into one. */
    static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    private static List<String> commandNames(CommandSpec spec) {
        return spec.subcommands().keySet().stream().filter(n -> !n.equals("help")).toList();
    }

    /** {@code --version}: this build's version, the language's and the Java runtime's. */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"sohu " + version() + " (" + sohu.hdl.emit.OutputWriter.VERSION + ", Java "
                    + Runtime.version() + ")"};
        }

        /** The project version recorded at build time. */
        public static String version() {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                // fall through to "unknown"
            }
            String v = p.getProperty("version", "");
            return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
        }
    }
}
