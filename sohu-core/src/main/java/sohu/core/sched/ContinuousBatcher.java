package sohu.core.sched;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedList;
import java.util.List;
import sohu.core.model.LlamaMath;
import sohu.core.model.SequenceChunk;

/**
 * Continuous batching with chunked prefill, in the manner of vLLM and Sarathi-Serve: each step
 * carries the next token of every generating sequence, then fills the rest of the token budget
 * with chunks of waiting prompts in arrival order. KV blocks come from a {@link BlockTables};
 * when a decode finds the cache full, the most recently admitted other sequence is preempted
 * (its blocks freed, its prompt and generated tokens recomputed later), so every request
 * finishes with the tokens it would get alone.
 */
public final class ContinuousBatcher {
    private final SchedulerConfig config;
    private final BlockTables blocks;
    private final List<SequenceState> pending = new LinkedList<>();
    /** Sequences admitted, in admission order (preempted ones go back to {@link #waiting}). */
    private final List<SequenceState> running = new ArrayList<>();
    /** Sequences waiting for (more) prefill, in the order they will be served. */
    private final LinkedList<SequenceState> waiting = new LinkedList<>();
    private final List<Completion> completions = new ArrayList<>();
    private final List<Integer> released = new ArrayList<>();
    private final List<SequenceState> stepOrder = new ArrayList<>();
    /** Preempted while forming this step: not recomputed in the same step, which would undo the preemption. */
    private final List<SequenceState> preemptedNow = new ArrayList<>();

    /**
     * A batcher for {@code requests}; rejects, before anything runs, a request the cache could
     * never hold.
     */
    public ContinuousBatcher(SchedulerConfig config, List<Request> requests) {
        this.config = config;
        this.blocks = new BlockTables(config.totalBlocks(), config.blockTokens());
        checkFits(config, requests);
        for (int i = 0; i < requests.size(); i++) {
            pending.add(new SequenceState(i, requests.get(i)));
        }
        pending.sort(Comparator.comparingInt((SequenceState s) -> s.request.arrivalStep()).thenComparingInt(s -> s.sequenceId));
    }

    /**
     * Fails, naming the request, if one of {@code requests} could never fit the KV cache even
     * alone; the server calls it before anything runs.
     */
    public static void checkFits(SchedulerConfig config, List<Request> requests) {
        for (Request r : requests) {
            if (r.maxContext() > config.capacityTokens()) {
                throw new IllegalArgumentException("request " + r.id() + " needs " + r.maxContext()
                        + " KV positions (prompt " + r.prompt().length + " + max_new_tokens " + r.maxNewTokens()
                        + " - 1) but the cache holds " + config.capacityTokens() + " (" + config.totalBlocks()
                        + " blocks of " + config.blockTokens() + "); shorten it or give the cache more blocks");
            }
        }
    }

    /** True while some request has not finished. */
    public boolean hasWork() {
        return !pending.isEmpty() || !running.isEmpty() || !waiting.isEmpty();
    }

    /** The step at which the next request arrives, or -1 when all have arrived. */
    public int nextArrival() {
        return pending.isEmpty() ? -1 : pending.get(0).request.arrivalStep();
    }

    /** Forms step {@code step}'s batch; empty when nothing can run yet. */
    public StepPlan plan(int step) {
        while (!pending.isEmpty() && pending.get(0).request.arrivalStep() <= step) {
            waiting.addLast(pending.remove(0));
        }
        stepOrder.clear();
        preemptedNow.clear();
        int budget = config.tokenBudget();
        int preemptions = 0;
        List<SequenceChunk> chunks = new ArrayList<>();
        int decodeTokens = 0;
        for (SequenceState s : List.copyOf(running)) {
            if (budget == 0) {
                break;
            }
            if (!running.contains(s)) {
                continue;
            }
            while (!blocks.ensure(s.sequenceId, s.computed + 1)) {
                SequenceState victim = latestOtherThan(s);
                preempt(victim == null ? s : victim);
                preemptions++;
                if (victim == null) {
                    break;
                }
            }
            if (!running.contains(s)) {
                continue;
            }
            chunks.add(new SequenceChunk(s.sequenceId, s.computed, s.tokens(s.computed, s.computed + 1)));
            stepOrder.add(s);
            decodeTokens++;
            budget--;
        }
        int prefillTokens = 0;
        for (SequenceState s : waiting) {
            if (budget == 0) {
                break;
            }
            if (preemptedNow.contains(s)) {
                continue;
            }
            int want = Math.min(budget, s.known() - s.computed);
            int fits = Math.min(want, blocks.capacity(s.sequenceId) + blocks.freeBlocks() * config.blockTokens() - s.computed);
            if (fits <= 0) {
                break;
            }
            blocks.ensure(s.sequenceId, s.computed + fits);
            chunks.add(new SequenceChunk(s.sequenceId, s.computed, s.tokens(s.computed, s.computed + fits)));
            stepOrder.add(s);
            prefillTokens += fits;
            budget -= fits;
        }
        return new StepPlan(step, chunks, decodeTokens, prefillTokens, preemptions);
    }

    /**
     * Takes the greedy next token of every chunk of {@code plan} that reached the end of its
     * sequence and finishes the sequences that are done. {@code logits} are the engine's, one row
     * per token of the batch in the plan's order.
     */
    public void complete(StepPlan plan, double[][] logits) {
        int row = 0;
        for (int c = 0; c < plan.chunks().size(); c++) {
            SequenceChunk chunk = plan.chunks().get(c);
            SequenceState s = stepOrder.get(c);
            row += chunk.length();
            s.computed += chunk.length();
            if (s.computed < s.known()) {
                continue;
            }
            s.generated.add(LlamaMath.argmax(logits[row - 1]));
            if (s.firstTokenStep < 0) {
                s.firstTokenStep = plan.step();
            }
            if (!s.decoding) {
                s.decoding = true;
                waiting.remove(s);
                running.add(s);
            }
            if (s.finished()) {
                s.finishStep = plan.step();
                running.remove(s);
                blocks.free(s.sequenceId);
                released.add(s.sequenceId);
                completions.add(new Completion(s.request.id(), s.generated.stream().mapToInt(Integer::intValue).toArray(),
                        s.firstTokenStep, s.finishStep));
            }
        }
    }

    /**
     * Sequences finished or preempted since the last call: the engine must release their KV
     * caches before it runs the next batch.
     */
    public List<Integer> takeReleased() {
        List<Integer> out = List.copyOf(released);
        released.clear();
        return out;
    }

    /** KV blocks held now. */
    public int kvBlocksInUse() {
        return blocks.inUse();
    }

    /** Finished requests, in finishing order. */
    public List<Completion> completions() {
        return List.copyOf(completions);
    }

    private SequenceState latestOtherThan(SequenceState keep) {
        for (int i = waiting.size() - 1; i >= 0; i--) {
            SequenceState s = waiting.get(i);
            if (s.computed > 0 && !stepOrder.contains(s)) {
                return s;
            }
        }
        for (int i = running.size() - 1; i >= 0; i--) {
            SequenceState s = running.get(i);
            if (s != keep && !stepOrder.contains(s)) {
                return s;
            }
        }
        return null;
    }

    private void preempt(SequenceState s) {
        blocks.free(s.sequenceId);
        released.add(s.sequenceId);
        running.remove(s);
        waiting.remove(s);
        s.preempt();
        waiting.addFirst(s);
        preemptedNow.add(s);
    }
}
