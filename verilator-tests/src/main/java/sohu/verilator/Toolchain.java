package sohu.verilator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Facts about the installed tools, looked up once per JVM. */
final class Toolchain {
    private Toolchain() {}

    private static volatile String verilatorVersion;

    /**
     * {@code verilator --version} (part of every cache key). Remembered on disk next to the cache,
     * keyed by the size and time of the Verilator executables, so a cache hit in a new JVM does not
     * pay for starting Verilator.
     */
    static synchronized String verilatorVersion() {
        if (verilatorVersion != null) return verilatorVersion;
        String stamp = executableStamp();
        Path memo = BuildCache.defaultRoot().resolve("verilator-version.txt");
        try {
            List<String> lines = Files.isRegularFile(memo) ? Files.readAllLines(memo) : List.of();
            if (stamp != null && lines.size() == 2 && lines.get(0).equals(stamp)) {
                return verilatorVersion = lines.get(1);
            }
        } catch (IOException e) {
            // Unreadable memo: ask Verilator.
        }
        String v = Commands.check("verilator --version", List.of(verilator(), "--version"), null).strip();
        if (stamp != null) {
            try {
                Files.createDirectories(memo.getParent());
                Path tmp = Files.createTempFile(memo.getParent(), "verilator-version", ".tmp");
                Files.write(tmp, List.of(stamp, v));
                Files.move(tmp, memo, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // The memo is only an optimization.
            }
        }
        return verilatorVersion = v;
    }

    /** Path, size and modification time of the verilator executable and its verilator_bin*, or null. */
    private static String executableStamp() {
        Path exe = findOnPath(verilator());
        if (exe == null) return null;
        StringBuilder sb = new StringBuilder();
        try (var siblings = Files.list(exe.getParent())) {
            for (Path p : siblings.filter(p -> p.equals(exe) || p.getFileName().toString().startsWith("verilator_bin"))
                    .sorted().toList()) {
                sb.append(p).append(' ').append(Files.size(p)).append(' ').append(Files.getLastModifiedTime(p).toMillis()).append(';');
            }
        } catch (IOException e) {
            return null;
        }
        return sb.toString();
    }

    private static Path findOnPath(String name) {
        if (name.contains("/")) return Files.isRegularFile(Path.of(name)) ? Path.of(name).toAbsolutePath() : null;
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(d.isEmpty() ? "." : d, name);
            if (Files.isExecutable(p)) return p.toAbsolutePath();
        }
        return null;
    }

    static String verilator() {
        return System.getProperty("sohu.verilator.bin", "verilator");
    }

    static String cxx() {
        return System.getProperty("sohu.verilator.cxx", "g++");
    }

    /** Whether to compile through ccache (system property {@code sohu.verilator.ccache}, default true). */
    static boolean ccache() {
        return Boolean.parseBoolean(System.getProperty("sohu.verilator.ccache", "true"));
    }

    static int jobs() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
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
