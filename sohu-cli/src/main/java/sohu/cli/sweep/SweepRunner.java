package sohu.cli.sweep;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import sohu.cli.sweep.PointResult.Area;
import sohu.hdl.exec.FileTrees;

/**
 * Runs a shard of a grid: skips the points an earlier run finished (see {@link PointStore}),
 * evaluates the others {@code jobs} at a time, saves each result as soon as it is known, then
 * writes {@code sweep.csv} (this shard's points in grid order) and the plots.
 */
public final class SweepRunner {
    private final PointStore store;
    private final PointEvaluator evaluator;
    private final SweepSettings settings;
    private final int jobs;
    private final PrintWriter err;
    private final boolean inPlace;

    /**
     * A runner.
     *
     * @param inPlace draw the progress bar in place (stderr is a terminal)
     */
    public SweepRunner(PointStore store, PointEvaluator evaluator, SweepSettings settings, int jobs,
                       PrintWriter err, boolean inPlace) {
        if (jobs < 1) {
            throw new IllegalArgumentException("--jobs must be at least 1, got " + jobs);
        }
        this.store = store;
        this.evaluator = evaluator;
        this.settings = settings;
        this.jobs = jobs;
        this.err = err;
        this.inPlace = inPlace;
    }

    /**
     * What a run did.
     *
     * @param results  this shard's points in grid order (reused and new)
     * @param reused   points taken from an earlier run
     * @param ran      points evaluated now
     * @param csv      the written {@code sweep.csv}
     * @param plots    the written PNG files
     */
    public record Outcome(List<PointResult> results, int reused, int ran, Path csv, List<Path> plots) {
        /** Points that failed. */
        public long failed() {
            return results.stream().filter(r -> !r.ok()).count();
        }
    }

    /** Runs {@code shard} of {@code grid}. */
    public Outcome run(SweepGrid grid, Shard shard) throws IOException {
        List<PointResult> results = new ArrayList<>();
        List<Integer> todo = new ArrayList<>();
        for (int i : shard.indices(grid.size())) {
            SweepPoint p = grid.points().get(i);
            Optional<PointResult> prior = store.done(p).filter(settings::satisfiedBy);
            if (prior.isPresent()) {
                PointResult r = prior.get().withIndex(i);
                if (prior.get().index() != i) {
                    store.save(r); // the grid changed: keep the point file's index current for merges
                }
                results.add(r);
            } else {
                todo.add(i);
            }
        }
        err.println("sohu sweep: " + plural(results.size() + todo.size(), "point")
                + (shard.count() > 1 ? " in shard " + shard + " of " + grid.size() : "")
                + (results.isEmpty() ? "" : ", " + results.size() + " already done in " + store.dir())
                + (todo.isEmpty() ? "" : ", running " + todo.size() + " with " + plural(Math.min(jobs, todo.size()), "job")));
        err.flush();
        results.addAll(evaluate(grid, todo));
        results.sort(Comparator.comparingInt(PointResult::index));
        Path csv = store.writeSweepCsv(results);
        List<Path> plots = SweepPlots.write(store.dir(), results);
        return new Outcome(List.copyOf(results), results.size() - todo.size(), todo.size(), csv, plots);
    }

    private List<PointResult> evaluate(SweepGrid grid, List<Integer> todo) throws IOException {
        if (todo.isEmpty()) {
            return List.of();
        }
        Progress progress = new Progress(err, inPlace, todo.size(), jobs, System::nanoTime);
        progress.begin();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("sohu-sweep-progress"));
        if (inPlace) {
            ticker.scheduleAtFixedRate(progress::tick, 1, 1, TimeUnit.SECONDS);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, todo.size()), daemon("sohu-sweep"));
        try {
            List<Future<PointResult>> futures = new ArrayList<>();
            for (int i : todo) {
                SweepPoint p = grid.points().get(i);
                futures.add(pool.submit(() -> evaluateOne(i, p, progress)));
            }
            List<PointResult> out = new ArrayList<>();
            for (Future<PointResult> f : futures) {
                out.add(join(f));
            }
            return out;
        } finally {
            pool.shutdownNow();
            ticker.shutdownNow();
            progress.end();
        }
    }

    /** Daemon threads never keep the JVM alive; an interrupted point leaves no result file, only scratch. */
    public static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private PointResult evaluateOne(int index, SweepPoint p, Progress progress) throws IOException {
        long t0 = System.nanoTime();
        Path work = store.workDir(p);
        FileTrees.delete(work); // leftovers of an interrupted run
        Files.createDirectories(work);
        PointResult r;
        try {
            r = evaluator.evaluate(index, p, work);
        } catch (RuntimeException e) {
            r = new PointResult(index, p, "", null, Area.off(), null, null, false,
                    "internal error: " + EngineEvaluator.message(e));
        }
        store.save(r);
        progress.finished(r, System.nanoTime() - t0);
        return r;
    }

    /** The result of a job; its I/O failure rethrown as such, an interrupt as an {@link IOException}. */
    public static <T> T join(Future<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
