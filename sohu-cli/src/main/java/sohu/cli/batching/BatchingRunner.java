package sohu.cli.batching;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import sohu.cli.sweep.Progress;
import sohu.cli.sweep.Shard;
import sohu.cli.sweep.SweepRunner;
import sohu.core.perf.StepLoss;
import sohu.core.sched.SeedStepRun;

/**
 * Runs a shard of the bench's points {@code jobs} at a time (skipping those an earlier run
 * finished), saves each as soon as it is known, and writes the folder's CSV, table and plot.
 */
public final class BatchingRunner {
    private final BatchingStore store;
    private final BatchingSettings settings;
    private final int jobs;
    private final PrintWriter err;
    private final boolean inPlace;

    /** A runner; {@code inPlace} redraws the progress bar on one line (stderr is a terminal). */
    public BatchingRunner(BatchingStore store, BatchingSettings settings, int jobs, PrintWriter err, boolean inPlace) {
        this.store = store;
        this.settings = settings;
        this.jobs = jobs;
        this.err = err;
        this.inPlace = inPlace;
    }

    /** Runs the points of {@code shard} among {@code points}; returns the results in table order. */
    public List<BatchingResult> run(List<BatchingPoint> points, Shard shard) throws IOException {
        List<BatchingResult> results = new ArrayList<>();
        List<BatchingPoint> todo = new ArrayList<>();
        for (int i : shard.indices(points.size())) {
            Optional<BatchingResult> prior = store.done(points.get(i), settings);
            if (prior.isPresent()) {
                results.add(prior.get());
            } else {
                todo.add(points.get(i));
            }
        }
        err.println("sohu bench batching: " + (results.size() + todo.size()) + " steps"
                + (shard.count() > 1 ? " in shard " + shard + " of " + points.size() : "")
                + (results.isEmpty() ? "" : ", " + results.size() + " already done in " + store.dir())
                + (todo.isEmpty() ? "" : ", running " + todo.size() + " on the " + (settings.golden()
                ? "golden simulator and the step cycle model" : "step cycle model") + " with "
                + Math.min(jobs, todo.size()) + " job(s)"));
        err.flush();
        results.addAll(evaluate(todo));
        results.sort((a, b) -> BatchingPoint.ORDER.compare(a.point(), b.point()));
        return results;
    }

    private List<BatchingResult> evaluate(List<BatchingPoint> todo) throws IOException {
        if (todo.isEmpty()) {
            return List.of();
        }
        Progress progress = new Progress(err, inPlace, todo.size(), "steps", jobs, System::nanoTime);
        progress.begin();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(SweepRunner.daemon("sohu-bench-batching"));
        if (inPlace) {
            ticker.scheduleAtFixedRate(progress::tick, 1, 1, TimeUnit.SECONDS);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, todo.size()), SweepRunner.daemon("sohu-bench-batching"));
        try {
            List<Future<BatchingResult>> futures = new ArrayList<>();
            for (BatchingPoint p : todo) {
                futures.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    BatchingResult r = evaluate(p);
                    store.save(r);
                    progress.finished(p.key(), r.ok(), System.nanoTime() - t0);
                    return r;
                }));
            }
            List<BatchingResult> out = new ArrayList<>();
            for (Future<BatchingResult> f : futures) {
                out.add(SweepRunner.join(f));
            }
            return out;
        } finally {
            pool.shutdownNow();
            ticker.shutdownNow();
            progress.end();
        }
    }

    /** One point: compile, time, and round the figures the CSV keeps (so a reread row renders the same). */
    BatchingResult evaluate(BatchingPoint p) {
        try {
            var step = settings.step(p);
            SeedStepRun run = SeedStepRun.run(step, settings.core(p), settings.golden());
            double[] v = run.timing().loss().parts();
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.round(v[i] * 10) / 10.0;
            }
            StepLoss loss = new StepLoss(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
            return new BatchingResult(p, settings, true, "", step.tokens(), run.instructions(),
                    Math.round(run.timing().cycles()), run.goldenCycles(), loss);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return BatchingResult.failed(p, settings, e.getMessage());
        }
    }
}
