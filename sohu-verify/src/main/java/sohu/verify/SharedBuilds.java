package sohu.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import sohu.hdl.emit.Emitted;
import sohu.hdl.emit.OutputWriter;
import sohu.hdl.ir.Circuit;
import sohu.verilator.BuildResult;
import sohu.verilator.CircuitSim;
import sohu.verilator.SimBuilder;
import sohu.verilator.SimOptions;
import sohu.verilator.WaveFormat;

/**
 * The designs of one regression run, each elaborated, emitted and built in Verilator once (the
 * build cache makes later runs cheap) however many checks, threads or replays use it.
 */
public final class SharedBuilds {
    private final Path rtlRoot;
    private final Map<String, CompletableFuture<BuildResult>> builds = new ConcurrentHashMap<>();
    private final List<Built> built = new CopyOnWriteArrayList<>();
    private final ThreadLocal<long[]> waited = ThreadLocal.withInitial(() -> new long[1]);

    /**
     * One design made ready for simulation.
     *
     * @param name   the design and build flavour ({@code engine_16x16_bf16_l3_d4096}, {@code ...-fst})
     * @param nanos  elaboration, emission and Verilator build (or cache lookup)
     * @param cached whether the Verilator build came from the cache
     */
    public record Built(String name, long nanos, boolean cached) { }

    /** SharedBuilds emitted under {@code rtlRoot} (one subfolder per design and build flavour). */
    public SharedBuilds(Path rtlRoot) {
        this.rtlRoot = rtlRoot;
    }

    /** SharedBuilds emitted into a fresh temporary folder. */
    public static SharedBuilds temporary() {
        try {
            Path root = Path.of(System.getProperty("java.io.tmpdir"), "sohu-rtl");
            Files.createDirectories(root);
            return new SharedBuilds(Files.createTempDirectory(root, "regress-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the regression's RTL", e);
        }
    }

    /**
     * The build of {@code name} with {@code options}: elaborated by {@code circuit} and built on
     * first use; other callers wait for that build.
     */
    public BuildResult build(String name, Supplier<Circuit> circuit, SimOptions options) {
        long start = System.nanoTime();
        try {
            return buildOrWait(name, circuit, options);
        } finally {
            waited.get()[0] += System.nanoTime() - start;
        }
    }

    /** Time this thread spent in {@link #build} since the last call (building or waiting for a build). */
    public long takeBuildNanos() {
        long[] w = waited.get();
        long n = w[0];
        w[0] = 0;
        return n;
    }

    private BuildResult buildOrWait(String name, Supplier<Circuit> circuit, SimOptions options) {
        String key = options.waves() == WaveFormat.NONE ? name : name + "-" + options.waves().extension();
        CompletableFuture<BuildResult> mine = new CompletableFuture<>();
        CompletableFuture<BuildResult> f = builds.putIfAbsent(key, mine);
        if (f == null) {
            try {
                long t0 = System.nanoTime();
                Emitted e = OutputWriter.write(circuit.get(), rtlRoot.resolve(key));
                BuildResult b = new SimBuilder().build(CircuitSim.source(e), options);
                built.add(new Built(key, System.nanoTime() - t0, b.cached()));
                mine.complete(b);
            } catch (RuntimeException | Error ex) {
                mine.completeExceptionally(ex);
                throw ex;
            }
            f = mine;
        }
        return f.join();
    }

    /** The designs built so far, in the order they finished. */
    public List<Built> built() {
        return List.copyOf(built);
    }
}
