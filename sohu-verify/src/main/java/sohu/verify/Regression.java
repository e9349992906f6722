package sohu.verify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs checks, {@code jobs} at a time, each with a seed derived from the run's seed and its name
 * (so any one check replays alone with the same vectors); then replays the first mismatching
 * check of each block with a waveform window around the mismatch.
 */
public final class Regression {
    /** Where and how waveforms go. */
    public record Waves(Path dir, boolean all) { }

    /**
     * The outcome of one check.
     *
     * @param nanos    the check's time, without building or waiting for builds
     * @param mismatch the first difference (null if none)
     * @param error    a failure other than a mismatch, in one line (null if none)
     * @param waveform the waveform of the failure, if one was written
     */
    public record Result(BlockCheck check, long vectors, long nanos, Mismatch mismatch, String error, Path waveform) {
        /** True when the check ran to the end and everything matched. */
        public boolean passed() {
            return mismatch == null && error == null;
        }
    }

    /** Told of every finished check (from the worker threads). */
    @FunctionalInterface
    public interface Listener {
        /** A check finished. */
        void finished(Result r);
    }

    private Regression() {
    }

    /** The seed of a check in a run: the run's seed mixed with a hash of the check's name (SplitMix64). */
    public static long seedOf(long runSeed, String checkName) {
        long z = runSeed + 0x9E3779B97F4A7C15L * (checkName.hashCode() + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Runs the checks; returns their results in the order given. */
    public static List<Result> run(List<BlockCheck> checks, int jobs, long seed, SharedBuilds designs, Waves waves, Listener listener)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs), r -> {
            Thread t = new Thread(r, "sohu-regress");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<BlockCheck, Future<Result>> futures = new LinkedHashMap<>();
            // The first check of each block first, so that the blocks' builds overlap.
            Set<String> blocks = new HashSet<>();
            List<BlockCheck> order = new ArrayList<>();
            for (BlockCheck c : checks) {
                if (blocks.add(c.block())) {
                    order.add(c);
                }
            }
            for (BlockCheck c : checks) {
                if (!order.contains(c)) {
                    order.add(c);
                }
            }
            for (BlockCheck c : order) {
                futures.put(c, pool.submit(() -> {
                    Result r = runOne(c, seed, designs, waves);
                    listener.finished(r);
                    return r;
                }));
            }
            List<Result> results = new ArrayList<>();
            for (BlockCheck c : checks) {
                results.add(get(futures.get(c)));
            }
            return replayFirstMismatches(results, seed, designs, waves);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Result get(Future<Result> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a check's runner failed", e.getCause());
        }
    }

    private static Result runOne(BlockCheck c, long seed, SharedBuilds designs, Waves waves) {
        long s = seedOf(seed, c.name());
        CheckContext ctx = waves.all() ? CheckContext.allWaves(designs, s, waveFile(waves, c)) : CheckContext.plain(designs, s);
        designs.takeBuildNanos();
        long t0 = System.nanoTime();
        try {
            long n = c.body().run(ctx);
            return new Result(c, n, checkNanos(t0, designs), null, null, null);
        } catch (Mismatch m) {
            return new Result(c, 0, checkNanos(t0, designs), m, null, m.waveform().orElse(null));
        } catch (RuntimeException | AssertionError e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            return new Result(c, 0, checkNanos(t0, designs), null, msg.strip().replaceAll("\\s*\\R\\s*", "; "), null);
        }
    }

    /** Time since {@code t0} not spent building designs (builds are reported on their own). */
    private static long checkNanos(long t0, SharedBuilds designs) {
        return System.nanoTime() - t0 - designs.takeBuildNanos();
    }

    /** Replays the first mismatch of each block with a waveform window, unless every waveform was kept. */
    private static List<Result> replayFirstMismatches(List<Result> results, long seed, SharedBuilds designs, Waves waves) {
        List<Result> out = new ArrayList<>(results);
        Set<String> done = new HashSet<>();
        for (int i = 0; i < out.size(); i++) {
            Result r = out.get(i);
            if (r.mismatch() == null || !done.add(r.check().block()) || waves.all()) {
                continue;
            }
            Path file = waveFile(waves, r.check());
            CheckContext ctx = CheckContext.window(designs, seedOf(seed, r.check().name()), file, r.mismatch().windowStart());
            try {
                r.check().body().run(ctx);
            } catch (Mismatch again) {
                out.set(i, new Result(r.check(), r.vectors(), r.nanos(), r.mismatch(), null, file));
            } catch (RuntimeException | AssertionError e) {
                // The replay failed differently: keep the first report without a waveform.
            }
        }
        return out;
    }

    private static Path waveFile(Waves waves, BlockCheck c) {
        return waves.dir().resolve(c.name().replace('/', '-') + ".fst");
    }
}
