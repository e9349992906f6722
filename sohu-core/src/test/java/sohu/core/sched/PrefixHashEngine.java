package sohu.core.sched;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import sohu.core.model.Engine;
import sohu.core.model.SequenceChunk;
import sohu.core.model.StepResult;

/**
 * A stand-in language model for scheduler tests: the next token is a hash of the whole prefix, so
 * any scheduling mistake (a lost token, a wrong position, a KV cache not released on preemption)
 * changes every later token. It refuses chunks that do not continue the sequence's cache.
 */
final class PrefixHashEngine implements Engine {
    private final int vocab;
    private final Map<Integer, List<Integer>> caches = new HashMap<>();
    int steps;

    PrefixHashEngine(int vocab) {
        this.vocab = vocab;
    }

    @Override
    public StepResult step(List<SequenceChunk> batch) {
        steps++;
        List<double[]> rows = new ArrayList<>();
        for (SequenceChunk chunk : batch) {
            List<Integer> cache = caches.computeIfAbsent(chunk.sequenceId(), k -> new ArrayList<>());
            if (chunk.startPosition() != cache.size()) {
                throw new IllegalStateException("sequence " + chunk.sequenceId() + " chunk at position "
                        + chunk.startPosition() + " but its cache holds " + cache.size());
            }
            for (int t : chunk.tokens()) {
                cache.add(t);
                double[] logits = new double[vocab];
                logits[Math.floorMod(cache.hashCode() * 31 + cache.size(), vocab)] = 1;
                rows.add(logits);
            }
        }
        return new StepResult(rows.toArray(double[][]::new), 0, 0);
    }

    @Override
    public void release(int sequenceId) {
        caches.remove(sequenceId);
    }

    int cached() {
        return caches.size();
    }
}
