package sohu.core.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Greedy generation of several prompts batched together: the first step runs every prompt whole
 * (sequence i is prompt i), each later step one decode token per sequence; each new token is the
 * argmax of its sequence's last logits.
 *
 * @param generated        per prompt, the new token ids (maxNewTokens of them)
 * @param firstStepLogits  [prompt tokens][vocab]: the first step's logits, prompts in order
 * @param steps            steps run
 * @param tokens           tokens the engine processed (prompts and fed-back decode tokens)
 * @param cycles           the engine's cycles over all steps (0 when it counts none)
 * @param arrayBusyCycles  the array's busy cycles over all steps
 */
public record Generation(List<int[]> generated, double[][] firstStepLogits, int steps, long tokens, long cycles,
                         long arrayBusyCycles) {

    /** Runs {@code prompts} on {@code engine} for {@code maxNewTokens} new tokens each (0: the first step only). */
    public static Generation greedy(Engine engine, List<int[]> prompts, int maxNewTokens) {
        if (maxNewTokens < 0) {
            throw new IllegalArgumentException("maxNewTokens must be >= 0, got " + maxNewTokens);
        }
        List<SequenceChunk> batch = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            batch.add(new SequenceChunk(i, 0, prompts.get(i)));
        }
        List<int[]> generated = new ArrayList<>();
        prompts.forEach(p -> generated.add(new int[maxNewTokens]));
        double[][] first = null;
        int steps = 0;
        long tokens = 0;
        long cycles = 0;
        long busy = 0;
        for (int n = 0; n < Math.max(1, maxNewTokens); n++) {
            StepResult r = engine.step(batch);
            steps++;
            cycles += r.cycles();
            busy += r.arrayBusyCycles();
            if (first == null) {
                first = r.logits();
            }
            List<SequenceChunk> next = new ArrayList<>();
            int row = 0;
            for (SequenceChunk c : batch) {
                tokens += c.length();
                row += c.length();
                if (n < maxNewTokens) {
                    int id = LlamaMath.argmax(r.logits()[row - 1]);
                    generated.get(c.sequenceId())[n] = id;
                    next.add(new SequenceChunk(c.sequenceId(), c.startPosition() + c.length(), new int[] {id}));
                }
            }
            batch = next;
        }
        for (int i = 0; i < prompts.size(); i++) {
            engine.release(i);
        }
        return new Generation(generated, first, steps, tokens, cycles, busy);
    }
}
