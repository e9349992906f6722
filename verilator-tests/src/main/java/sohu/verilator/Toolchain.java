package sohu.verilator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import sohu.hdl.exec.ExternalCommand;
import sohu.hdl.exec.CommandException;

/** The build tools of the bridge (Verilator, make, the C++ compiler, ccache): names, versions, how to run them. */
final class Toolchain {
    /**
     * Longest a single Verilator or make run may take before it is killed: far beyond the
     * largest design's build on a loaded 2-core machine, so only a hung tool trips it.
     */
    static final Duration BUILD_TIMEOUT = Duration.ofHours(6);

    private static final Map<String, String> VERSIONS = new ConcurrentHashMap<>();

    private Toolchain() {}

    /** {@code verilator --version} (part of every cache key). */
    static String verilatorVersion() {
        return version(verilator());
    }

    /** {@code <c++ compiler> --version} (part of every cache key: objects of one compiler are not another's). */
    static String cxxVersion() {
        return version(cxx());
    }

    /**
     * {@code <tool> --version}, looked up once per JVM and remembered on disk next to the cache,
     * keyed by the path, size and time of the executable (and, for Verilator, its
     * {@code verilator_bin*}), so a cache hit in a new JVM does not pay for starting the tool.
     */
    static String version(String tool) {
        return VERSIONS.computeIfAbsent(tool, Toolchain::lookUpVersion);
    }

    private static String lookUpVersion(String tool) {
        String stamp = executableStamp(tool);
        Path memo = BuildCache.defaultRoot().resolve("versions").resolve(BuildKey.sha256(List.of(tool)).substring(0, 16) + ".txt");
        try {
            List<String> lines = Files.isRegularFile(memo) ? Files.readAllLines(memo) : List.of();
            if (stamp != null && lines.size() >= 2 && lines.get(0).equals(stamp)) {
                return String.join("\n", lines.subList(1, lines.size()));
            }
        } catch (IOException e) {
            // Unreadable memo: ask the tool.
        }
        String v = run(tool + " --version", List.of(tool, "--version"), null).strip();
        if (stamp != null) {
            try {
                Files.createDirectories(memo.getParent());
                Path tmp = Files.createTempFile(memo.getParent(), "version", ".tmp");
                Files.writeString(tmp, stamp + "\n" + v + "\n");
                Files.move(tmp, memo, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // The memo is only an optimization.
            }
        }
        return v;
    }

    /** Path, size and modification time of the (link-resolved) executable and its verilator_bin* siblings, or null. */
    private static String executableStamp(String tool) {
        Path exe = ExternalCommand.which(tool).orElse(null);
        if (exe == null) return null;
        StringBuilder sb = new StringBuilder();
        try {
            Path real = exe.toRealPath();
            sb.append(exe).append(" -> ").append(real).append(' ').append(Files.size(real)).append(' ')
                    .append(Files.getLastModifiedTime(real).toMillis()).append(';');
            try (var siblings = Files.list(real.getParent())) {
                for (Path p : siblings.filter(p -> p.getFileName().toString().startsWith("verilator_bin")
                        && tool.endsWith("verilator")).sorted().toList()) {
                    sb.append(p).append(' ').append(Files.size(p)).append(' ').append(Files.getLastModifiedTime(p).toMillis()).append(';');
                }
            }
        } catch (IOException e) {
            return null;
        }
        return sb.toString();
    }

    static String verilator() {
        return System.getProperty("sohu.verilator.bin", "verilator");
    }

    /** The C++ compiler of every build (system property {@code sohu.verilator.cxx}, default g++). */
    static String cxx() {
        return System.getProperty("sohu.verilator.cxx", "g++");
    }

    /**
     * Whether to compile through ccache: system property {@code sohu.verilator.ccache} if set,
     * else whether ccache is on the PATH.
     */
    static boolean ccache() {
        return useCcache(System.getProperty("sohu.verilator.ccache"), ExternalCommand.which("ccache").isPresent());
    }

    /** The ccache decision: an explicit {@code true}/{@code false} wins, otherwise ccache is used when installed. */
    static boolean useCcache(String property, boolean installed) {
        if (property == null || property.isBlank()) return installed;
        return Boolean.parseBoolean(property.strip()) && installed;
    }

    static int jobs() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Runs a build tool in {@code dir} (null: the working folder) with {@link #BUILD_TIMEOUT} and
     * returns its output; failing to start, timing out or exiting non-zero is a
     * {@link SimBuildException} with the tool's output.
     */
    static String run(String what, List<String> command, Path dir) {
        ExternalCommand c = ExternalCommand.of(command).timeout(BUILD_TIMEOUT);
        if (dir != null) c = c.in(dir);
        try {
            return c.check(what).output();
        } catch (CommandException e) {
            String reason = switch (e.kind()) {
                case FAILED -> what + " failed (exit " + e.result().exit() + ")";
                case CANNOT_START -> "cannot start " + command.get(0) + " (is it installed? ./sohu test installs it)";
                case TIMED_OUT -> what + " did not finish within " + BUILD_TIMEOUT.toHours() + " h and was killed";
                case INTERRUPTED -> "interrupted: " + what;
            };
            throw new SimBuildException(reason, command, e.output());
        }
    }

    /** JNI include folders of the running JDK. */
    static List<Path> jniIncludes() {
        Path inc = Path.of(System.getProperty("java.home"), "include");
        if (!Files.isRegularFile(inc.resolve("jni.h"))) {
            throw new SimException("jni.h not found under " + inc + ": the bridge needs a full JDK, not a JRE");
        }
        return List.of(inc, inc.resolve("linux"));
    }
}
