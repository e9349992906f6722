package sohu.core.sched;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntConsumer;
import sohu.core.model.Engine;
import sohu.core.model.StepResult;

/**
 * The host's serving loop: forms each step with a {@link ContinuousBatcher}, runs it on an
 * {@link Engine}, feeds the greedy tokens back, until every request has finished.
 */
public final class Server {
    private Server() { }

    /**
     * Serves {@code requests} on {@code engine}; {@code progress} hears the number of finished
     * requests after each step.
     */
    public static ServeResult serve(Engine engine, List<Request> requests, SchedulerConfig config, IntConsumer progress) {
        ContinuousBatcher batcher = new ContinuousBatcher(config, requests);
        List<StepRecord> steps = new ArrayList<>();
        int step = 0;
        while (batcher.hasWork()) {
            StepPlan plan = batcher.plan(step);
            batcher.takeReleased().forEach(engine::release);
            if (plan.chunks().isEmpty()) {
                if (batcher.nextArrival() < 0) {
                    throw new IllegalStateException("scheduler stalled at step " + step + " with work left");
                }
                step = Math.max(step + 1, batcher.nextArrival());
                continue;
            }
            StepResult result = engine.step(plan.chunks());
            batcher.complete(plan, result.logits());
            batcher.takeReleased().forEach(engine::release);
            steps.add(new StepRecord(step, plan.prefillTokens(), plan.decodeTokens(), result.cycles(),
                    result.utilization(), batcher.kvBlocksInUse(), plan.preemptions()));
            progress.accept(batcher.completions().size());
            step++;
        }
        List<Completion> done = new ArrayList<>(batcher.completions());
        List<String> order = requests.stream().map(Request::id).toList();
        done.sort(Comparator.comparingInt(c -> order.indexOf(c.id())));
        return new ServeResult(done, steps);
    }
}
