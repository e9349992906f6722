package sohu.verilator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Facts about the installed tools, looked up once per JVM. */
final class Toolchain {
    private Toolchain() {}

    private static volatile String verilatorVersion;

    /** {@code verilator --version}, first line (part of every cache key). */
    static String verilatorVersion() {
        String v = verilatorVersion;
        if (v == null) {
            v = Commands.check("verilator --version", List.of(verilator(), "--version"), null).strip();
            verilatorVersion = v;
        }
        return v;
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
