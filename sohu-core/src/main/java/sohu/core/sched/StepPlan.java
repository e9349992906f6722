package sohu.core.sched;

import java.util.List;
import sohu.core.model.SequenceChunk;

/**
 * One step as the scheduler formed it.
 *
 * @param step          step number
 * @param chunks        the batch, decodes first, then prefill chunks
 * @param decodeTokens  tokens of sequences that are generating
 * @param prefillTokens tokens of prompts (or of recomputed preempted sequences)
 * @param preemptions   sequences preempted to make room in this step
 */
public record StepPlan(int step, List<SequenceChunk> chunks, int decodeTokens, int prefillTokens, int preemptions) {
    public StepPlan {
        chunks = List.copyOf(chunks);
    }

    /** Tokens in the batch. */
    public int tokens() {
        return decodeTokens + prefillTokens;
    }
}
