package sohu.cli.batching;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import sohu.cli.sweep.Progress;
import sohu.cli.sweep.Shard;
import sohu.cli.sweep.SweepRunner;
import sohu.core.perf.StepLoss;
import sohu.core.sched.SeedStepRun;
import sohu.verify.soc.RtlSeedStep;
import sohu.verilator.SimException;
import sohu.verify.soc.RtlStepCounters;

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
                + (todo.isEmpty() ? "" : ", running " + todo.size() + " on the " + engineName() + " with "
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
                    BatchingResult r = evaluate(p, c -> progress.note(String.format(Locale.ROOT,
                            "%s at %,d cycles on the RTL", p.key(), c)));
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

    private String engineName() {
        return switch (settings.engine()) {
            case "golden" -> "golden simulator and the step cycle model";
            case "rtl" -> "RTL core in Verilator (the step cycle model beside it)";
            default -> "step cycle model";
        };
    }

    /**
     * One point: compile, time, and round the figures the CSV keeps (so a reread row renders the
     * same); on the RTL, {@code rtlProgress} hears the cycles run every million.
     */
    BatchingResult evaluate(BatchingPoint p, LongConsumer rtlProgress) {
        try {
            var step = settings.step(p);
            SeedStepRun run;
            RtlStepCounters rtl = null;
            if (settings.rtl()) {
                RtlSeedStep r = RtlSeedStep.run(step, settings.core(p), rtlProgress);
                run = r.model();
                rtl = r.counters();
            } else {
                run = SeedStepRun.run(step, settings.core(p), settings.golden());
            }
            double[] v = run.timing().loss().parts();
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.round(v[i] * 10) / 10.0;
            }
            StepLoss loss = new StepLoss(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
            if (rtl != null) { // the ideal cycles as the CSV keeps them, so a reread row renders the same
                rtl = new RtlStepCounters(rtl.cycles(), loss.useful(), rtl.arrayBusy(), rtl.arrayCycles(), rtl.computeBusy());
            }
            return new BatchingResult(p, settings, true, "", step.tokens(), run.instructions(),
                    Math.round(run.timing().cycles()), run.goldenCycles(), loss, rtl);
        } catch (IllegalArgumentException | IllegalStateException | SimException e) {
            return BatchingResult.failed(p, settings, e.getMessage());
        } catch (AssertionError e) { // the RTL stopped (deadlock, an error flag): that point failed, the others run
            return BatchingResult.failed(p, settings, "RTL: " + e.getMessage());
        }
    }
}
