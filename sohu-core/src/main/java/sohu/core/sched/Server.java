package sohu.core.sched;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.function.Consumer;
import sohu.core.model.Engine;
import sohu.core.model.StepResult;

/**
 * The host's serving loop: forms each step with a {@link ContinuousBatcher}, runs it on an
 * {@link Engine}, feeds the greedy tokens back, until every request has finished.
 */
public final class Server {
    private Server() { }

    /**
     * Serves {@code requests} on {@code engine}; {@code finished} hears of every request as it
     * completes.
     */
    public static ServeResult serve(Engine engine, List<Request> requests, SchedulerConfig config,
                                    Consumer<Completion> finished) {
        ContinuousBatcher batcher = new ContinuousBatcher(config, requests);
        List<StepRecord> steps = new ArrayList<>();
        int step = 0;
        int reported = 0;
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
            List<Completion> all = batcher.completions();
            all.subList(reported, all.size()).forEach(finished);
            reported = all.size();
            step++;
        }
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            order.put(requests.get(i).id(), i);
        }
        List<Completion> done = new ArrayList<>(batcher.completions());
        done.sort(Comparator.comparingInt(c -> order.get(c.id())));
        return new ServeResult(done, steps);
    }
}
