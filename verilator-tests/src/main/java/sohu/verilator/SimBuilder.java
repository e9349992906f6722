package sohu.verilator;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import sohu.hdl.exec.FileTrees;

/**
 * Verilates a design and compiles it, with the JNI-free shim, into a shared library; results are
 * cached under a SHA-256 of the sources, flags, shim, {@code verilator --version} and the C++
 * compiler's {@code --version}, so a design
 * built once (by any JVM) afterwards costs a hash and a library load. Thread-safe; builds of
 * different designs run in parallel.
 */
public final class SimBuilder {
    private static final AtomicLong VERILATOR_RUNS = new AtomicLong();
    private static final String MANIFEST = "manifest.properties";
    private static final String VERSION_SCRIPT = "sohu_exports.map";
    private static final String SHIM = "sohu_shim.cpp";

    private final BuildCache cache;

    /** A builder over the default cache folder ({@code sohu.verilator.cache} or {@code ~/.cache/sohu-verilator}). */
    public SimBuilder() {
        this(BuildCache.defaultRoot());
    }

    /** A builder over the given cache folder. */
    public SimBuilder(Path cacheDir) {
        this.cache = new BuildCache(cacheDir);
    }

    /** The cache folder. */
    public Path cacheDir() {
        return cache.root();
    }

    /** How many times this JVM has run Verilator to build a design (tests use it to prove cache hits). */
    public static long verilatorRuns() {
        return VERILATOR_RUNS.get();
    }

    /**
     * Returns the library for {@code source} built with {@code options}, building it if needed.
     *
     * @throws SimBuildException if Verilator (lint included) or the C++ build fails
     * @throws SimException      if the declared ports differ from the design's
     */
    public BuildResult build(SimSource source, SimOptions options) {
        long t0 = System.nanoTime();
        WaveFormat waves = options.effectiveWaves();
        List<String> flags = verilatorFlags(source.top(), options, waves);
        String key = key(source, options, flags, Toolchain.verilatorVersion(), Toolchain.cxxVersion());
        String name = source.top() + "-" + key.substring(0, 24);
        boolean built = cache.ensure(name, dir -> compile(dir, source, options, waves, flags, key));
        Path dir = cache.entry(name);
        Properties m = readManifest(dir);
        List<SimPort> ports = m.getProperty("ports").isEmpty() ? List.of()
                : m.getProperty("ports").lines().map(SimPort::parseSpec).toList();
        checkPorts(source, ports);
        return new BuildResult(source.top(), key, dir, dir.resolve(m.getProperty("library")), !built,
                Duration.ofNanos(System.nanoTime() - t0), ports, WaveFormat.valueOf(m.getProperty("waves")),
                Boolean.parseBoolean(m.getProperty("internals")));
    }

    /** The cache key: everything that can change the built library, tool versions included. */
    static String key(SimSource source, SimOptions options, List<String> flags, String verilatorVersion, String cxxVersion) {
        BuildKey k = new BuildKey().add("sohu-verilator").add(verilatorVersion).add(cxxVersion)
                .add(ShimGenerator.TEMPLATE).add(ShimGenerator.PRINT_HEADER).add(NativeAbi.STRUCT).add(System.getProperty("os.arch"))
                .add(source.top()).add(String.join("\n", flags)).add("OPT_FAST=" + options.optFast());
        for (Path f : source.files()) k.addFile(f);
        for (Path f : includeFiles(source)) k.addFile(f);
        return k.hex();
    }

    /** The key of {@code source} with {@code options} under the given tool versions (for tests). */
    static String key(SimSource source, SimOptions options, String verilatorVersion, String cxxVersion) {
        List<String> flags = verilatorFlags(source.top(), options, options.effectiveWaves());
        return key(source, options, flags, verilatorVersion, cxxVersion);
    }

    /** The flags that define the build (no paths, so they can enter the key). */
    private static List<String> verilatorFlags(String top, SimOptions o, WaveFormat waves) {
        List<String> f = new ArrayList<>(List.of("--cc", "--exe", "--top-module", top,
                "--output-split-cfuncs", "2000", "-o", libraryName(top)));
        for (String c : ShimGenerator.cflags(o.internals())) f.addAll(List.of("-CFLAGS", c));
        // -z defs: an unresolved symbol fails the build instead of the later dlopen. The version
        // script (written into the make folder) keeps every symbol but sohu_sim_api local, so
        // libraries of different designs never bind to each other's code.
        f.addAll(List.of("-LDFLAGS", "-shared", "-LDFLAGS", "-Wl,-z,defs", "-LDFLAGS", "-Wl,--version-script=" + VERSION_SCRIPT));
        if (waves == WaveFormat.VCD) f.add("--trace");
        if (waves == WaveFormat.FST) f.add("--trace-fst");
        if (o.internals()) f.addAll(List.of("--public-flat-rw", "--vpi"));
        f.addAll(o.verilatorFlags());
        return f;
    }

    private static String libraryName(String top) {
        return "libV" + top + ".so";
    }

    /** Include files ({@code .svh}, {@code .vh}) in the sources' folders, which an {@code `include} may read. */
    private static Set<Path> includeFiles(SimSource source) {
        Set<Path> out = new TreeSet<>();
        for (Path d : new LinkedHashSet<>(source.files().stream().map(Path::getParent).toList())) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(d, "*.{svh,vh}")) {
                s.forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + d, e);
            }
        }
        return out;
    }

    private static void compile(Path dir, SimSource src, SimOptions o, WaveFormat waves, List<String> flags, String key)
            throws IOException {
        String top = src.top();
        Path obj = dir.resolve("obj");
        // The shim goes into the make folder under a relative name: an absolute (temporary) path
        // would reach the compiler and defeat ccache for every new build of the same design.
        Path shim = obj.resolve(SHIM);
        List<String> cmd = new ArrayList<>();
        cmd.add(Toolchain.verilator());
        cmd.addAll(flags);
        cmd.addAll(List.of("-Mdir", obj.toString(), SHIM));
        for (Path d : new LinkedHashSet<>(src.files().stream().map(Path::getParent).toList())) cmd.add("+incdir+" + d);
        src.files().forEach(f -> cmd.add(f.toString()));
        VERILATOR_RUNS.incrementAndGet();
        StringBuilder log = new StringBuilder("$ ").append(String.join(" ", cmd)).append('\n');
        log.append(Toolchain.run("Verilator failed on " + top, cmd, dir));

        List<HeaderPorts.CPort> ports = HeaderPorts.parse(Files.readString(obj.resolve("V" + top + ".h")));
        Files.writeString(shim, ShimGenerator.generate(top, ports));
        Files.writeString(obj.resolve(ShimGenerator.PRINT_HEADER_FILE), ShimGenerator.PRINT_HEADER);
        Files.writeString(obj.resolve(VERSION_SCRIPT), "{ global: sohu_sim_api; local: *; };\n");

        List<String> make = List.of("make", "-C", obj.toString(), "-f", "V" + top + ".mk", "-j", String.valueOf(Toolchain.jobs()),
                "OBJCACHE=" + (Toolchain.ccache() ? "ccache" : ""), "CXX=" + Toolchain.cxx(), "OPT_FAST=" + o.optFast());
        log.append("$ ").append(String.join(" ", make)).append('\n');
        log.append(Toolchain.run("C++ build failed for " + top, make, dir));

        Files.move(obj.resolve(libraryName(top)), dir.resolve(libraryName(top)), StandardCopyOption.ATOMIC_MOVE);
        Files.move(shim, dir.resolve(SHIM)); // kept for reading when debugging
        FileTrees.delete(obj); // objects are only needed again by ccache, which has its own copy
        Files.writeString(dir.resolve("build.log"), log);
        Properties m = new Properties();
        m.setProperty("key", key);
        m.setProperty("top", top);
        m.setProperty("library", libraryName(top));
        m.setProperty("waves", waves.name());
        m.setProperty("internals", String.valueOf(o.internals()));
        m.setProperty("ports", String.join("\n", ports.stream().map(p -> p.port().spec()).toList()));
        m.setProperty("verilator", Toolchain.verilatorVersion());
        m.setProperty("cxx", Toolchain.cxxVersion());
        try (Writer w = Files.newBufferedWriter(dir.resolve(MANIFEST))) {
            m.store(w, "sohu verilator build");
        }
    }

    private static Properties readManifest(Path dir) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(MANIFEST))) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt cache entry " + dir + " (delete it)", e);
        }
        return p;
    }

    private static void checkPorts(SimSource src, List<SimPort> actual) {
        if (src.ports().isEmpty()) return;
        Set<SimPort> want = new LinkedHashSet<>(src.ports());
        Set<SimPort> have = new LinkedHashSet<>(actual);
        if (want.equals(have)) return;
        Set<SimPort> missing = new LinkedHashSet<>(want);
        missing.removeAll(have);
        Set<SimPort> extra = new LinkedHashSet<>(have);
        extra.removeAll(want);
        throw new SimException("ports of " + src.top() + " differ from the declared ones:\n  declared but not in design: "
                + missing + "\n  in design but not declared: " + extra);
    }
}
