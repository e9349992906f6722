package sohu.hdl.exec;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An external command to run: the project's one process runner. Output (stdout and stderr merged)
 * goes to a file while the tool runs, so a chatty tool can never block on a full pipe and the
 * timeout always fires; on timeout the whole process tree (make and its compilers, say) is killed.
 * Standard input is empty. Immutable; each {@code with...} returns a new command.
 *
 * <pre>{@code
 * CommandResult r = ExternalExternalCommand.of("verilator", "--lint-only", "-Wall", "top.sv").in(dir).run();
 * String version = ExternalExternalCommand.of("verilator", "--version").check("verilator --version").output();
 * }</pre>
 *
 * <p>The default timeout, {@link #DEFAULT_TIMEOUT}, is far beyond any tool run of the project on a
 * loaded machine; it exists so that a hung tool ends with an error instead of a hung build.
 */
public final class ExternalCommand {
    /** Timeout of a command that sets none: two hours. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(2);

    private final List<String> argv;
    private final Path dir;
    private final Duration timeout;
    private final Path log;
    private final Map<String, String> env;
    private final boolean inherit;

    private ExternalCommand(List<String> argv, Path dir, Duration timeout, Path log, Map<String, String> env, boolean inherit) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        this.argv = List.copyOf(argv);
        this.dir = dir;
        this.timeout = timeout;
        this.log = log;
        this.env = Map.copyOf(env);
        this.inherit = inherit;
    }

    /** A command, program first. */
    public static ExternalCommand of(List<String> argv) {
        return new ExternalCommand(argv, null, DEFAULT_TIMEOUT, null, Map.of(), false);
    }

    /** A command, program first. */
    public static ExternalCommand of(String... argv) {
        return of(List.of(argv));
    }

    /** Runs in {@code folder} (default: the JVM's working folder). */
    public ExternalCommand in(Path folder) {
        return new ExternalCommand(argv, folder, timeout, log, env, inherit);
    }

    /** Kills the process tree after {@code limit}. */
    public ExternalCommand timeout(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + limit);
        }
        return new ExternalCommand(argv, dir, limit, log, env, inherit);
    }

    /** Keeps the output in {@code file} (replaced; its folder is created) instead of a temporary file. */
    public ExternalCommand log(Path file) {
        return new ExternalCommand(argv, dir, timeout, file, env, inherit);
    }

    /** Adds environment variables to the inherited environment. */
    public ExternalCommand env(Map<String, String> vars) {
        Map<String, String> m = new LinkedHashMap<>(env);
        m.putAll(vars);
        return new ExternalCommand(argv, dir, timeout, log, m, inherit);
    }

    /**
     * Connects the tool to this process's terminal (stdin, stdout, stderr), for commands the user
     * watches (Maven, apt-get); nothing is captured.
     */
    public ExternalCommand inheritIO() {
        return new ExternalCommand(argv, dir, timeout, log, env, true);
    }

    /** The command, program first. */
    public List<String> argv() {
        return argv;
    }

    /** The command as one line, for messages. */
    @Override
    public String toString() {
        return String.join(" ", argv);
    }

    /**
     * Runs the command to completion and returns its exit status and output; a non-zero exit is
     * not an error here.
     *
     * @throws CommandException if it cannot start, times out or the thread is interrupted
     */
    public CommandResult run() {
        ProcessBuilder pb = new ProcessBuilder(argv);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().putAll(env);
        Path out;
        boolean temporary = false;
        try {
            if (inherit) {
                out = null;
                pb.inheritIO();
            } else {
                if (log != null) {
                    Path parent = log.toAbsolutePath().getParent();
                    if (parent != null) {
                        Files.createDirectories(parent);
                    }
                    out = log;
                } else {
                    out = Files.createTempFile("sohu-cmd", ".log");
                    temporary = true;
                }
                pb.redirectErrorStream(true).redirectOutput(out.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            }
        } catch (IOException e) {
            throw new CommandException(CommandException.Kind.CANNOT_START, argv,
                    "cannot run " + argv.get(0) + ": cannot create its log file: " + e.getMessage(), null, e);
        }
        try {
            return await(pb, out, temporary);
        } finally {
            if (temporary) {
                FileTrees.deleteQuietly(out);
            }
        }
    }

    private CommandResult await(ProcessBuilder pb, Path out, boolean temporary) {
        long t0 = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new CommandException(CommandException.Kind.CANNOT_START, argv, "cannot run " + argv.get(0) + " ("
                    + (dir == null ? "" : "in " + dir + "; ") + "is it installed and on the PATH?): " + e.getMessage(),
                    null, e);
        }
        boolean finished;
        try {
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            killTree(p);
            Thread.currentThread().interrupt();
            throw new CommandException(CommandException.Kind.INTERRUPTED, argv, "interrupted while running " + this,
                    result(p, out, temporary, t0, -1), e);
        }
        if (!finished) {
            killTree(p);
            throw new CommandException(CommandException.Kind.TIMED_OUT, argv, argv.get(0) + " did not finish within "
                    + human(timeout) + " and was killed: " + this, result(p, out, temporary, t0, -1), null);
        }
        return result(p, out, temporary, t0, p.exitValue());
    }

    private CommandResult result(Process p, Path out, boolean temporary, long t0, int exit) {
        String text = "";
        if (out != null) {
            try {
                text = Files.readString(out, StandardCharsets.UTF_8);
            } catch (IOException | UncheckedIOException e) {
                text = "(output unreadable: " + e.getMessage() + ")";
            }
        }
        return new CommandResult(argv, exit, text, temporary ? null : out, Duration.ofNanos(System.nanoTime() - t0));
    }

    /**
     * Runs the command and requires exit status 0.
     *
     * @param what what the command does, for the message ("Verilator on Counter")
     * @throws CommandException (kind {@code FAILED}) with the output's last lines if it exits non-zero
     */
    public CommandResult check(String what) {
        CommandResult r = run();
        if (!r.ok()) {
            throw new CommandException(CommandException.Kind.FAILED, argv, what + " failed (exit " + r.exit() + "): "
                    + this, r, null);
        }
        return r;
    }

    /** Kills the process and every descendant (children first would be re-parented if the parent died first). */
    private static void killTree(Process p) {
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        p.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        try {
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        if (s >= 3600 && s % 3600 == 0) {
            return s / 3600 + " h";
        }
        if (s >= 60 && s % 60 == 0) {
            return s / 60 + " min";
        }
        return d.toMillis() % 1000 == 0 ? s + " s" : d.toMillis() + " ms";
    }

    /** The executable {@code name} on the PATH (or {@code name} itself when it contains a '/'), if any. */
    public static Optional<Path> which(String name) {
        if (name.contains("/")) {
            Path p = Path.of(name);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String d : path.split(File.pathSeparator)) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p.toAbsolutePath());
            }
        }
        return Optional.empty();
    }
}
