package sohu.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batched greedy generation against each prompt decoded alone, one token at a time. */
class GenerationTest {
    private static final Checkpoint TINY = RandomLlama.generate(ModelSpec.tiny(), 5);

    /** Feeds the whole sequence again each time: no KV cache reuse, no batching. */
    private static int[] greedyFromScratch(int[] prompt, int n) {
        int[] seq = Arrays.copyOf(prompt, prompt.length + n);
        for (int i = 0; i < n; i++) {
            double[][] logits = new ReferenceEngine(TINY)
                    .step(List.of(new SequenceChunk(0, 0, Arrays.copyOf(seq, prompt.length + i)))).logits();
            seq[prompt.length + i] = LlamaMath.argmax(logits[logits.length - 1]);
        }
        return Arrays.copyOfRange(seq, prompt.length, seq.length);
    }

    @Test
    void batchedGreedyEqualsEachPromptRecomputedFromScratch() {
        List<int[]> prompts = List.of(new int[] {9, 8, 7, 6}, new int[] {100}, new int[] {3, 3});
        ReferenceEngine e = new ReferenceEngine(TINY);
        Generation g = Generation.greedy(e, prompts, 5);
        for (int i = 0; i < prompts.size(); i++) {
            assertArrayEquals(greedyFromScratch(prompts.get(i), 5), g.generated().get(i), "prompt " + i);
            assertEquals(0, e.cachedLength(i), "released");
        }
        assertEquals(5, g.steps());
        assertEquals(7 + 4 * 3, g.tokens());
        assertEquals(7, g.firstStepLogits().length);
        assertEquals(0, g.cycles());
    }

    @Test
    void zeroNewTokensRunsTheFirstStepOnly() {
        Generation g = Generation.greedy(new ReferenceEngine(TINY), List.of(new int[] {1, 2}), 0);
        assertEquals(0, g.generated().get(0).length);
        assertEquals(1, g.steps());
        assertEquals(2, g.firstStepLogits().length);
    }
}
