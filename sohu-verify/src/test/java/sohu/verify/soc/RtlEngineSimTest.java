package sohu.verify.soc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sohu.core.compile.CoreConfig;
import sohu.core.compile.HbmImage;
import sohu.core.fp.FpFormat;
import sohu.core.golden.GoldenEngine;
import sohu.core.model.Checkpoint;
import sohu.core.model.LlamaMath;
import sohu.core.model.ModelSpec;
import sohu.core.model.RandomLlama;
import sohu.core.model.SequenceChunk;
import sohu.core.model.StepResult;
import sohu.core.model.Tensor;

/**
 * A Llama model on the generated SohuCore in Verilator: the tiny configuration (hidden 64, 4 query
 * heads, 2 KV heads, head_dim 16, intermediate 176, 2 layers, vocabulary 512), two prompts of
 * different lengths in one batch, then decode steps feeding back the greedy tokens. After every step
 * the whole HBM image (weights, KV cache, every intermediate region, the logits) of the {@code rtl}
 * engine equals the {@code golden} engine's byte for byte, and so do the tokens.
 */
class RtlEngineSimTest {
    private static final ModelSpec TINY = ModelSpec.tiny();
    private static final int[][] PROMPTS = {{1, 7, 300, 42, 5, 99, 13, 250, 8, 77, 6, 511, 3, 64, 128, 9, 400}, {17, 2, 480}};

    @Test
    void bf16On4x4EqualsTheGoldenEngineStepByStep() {
        compare(CoreConfig.of(4, FpFormat.BF16), PROMPTS, 2);
    }

    @Test
    void e4m3On4x4EqualsTheGoldenEngine() {
        compare(CoreConfig.of(4, FpFormat.E4M3), PROMPTS, 1);
    }

    @Test
    void fp32On4x4EqualsTheGoldenEngine() {
        compare(CoreConfig.of(4, FpFormat.FP32), PROMPTS, 1);
    }

    /** The second array size: the default 8x8 core (the build CycleModelSimTest's 8x8 steps share). */
    @Test
    void bf16On8x8EqualsTheGoldenEngine() {
        compare(CoreConfig.of(8, FpFormat.BF16), PROMPTS, 1);
    }

    private static void compare(CoreConfig core, int[][] prompts, int decodeSteps) {
        Map<String, float[]> w = weights(RandomLlama.generate(TINY, 3));
        try (RtlEngine rtl = new RtlEngine(TINY, w, core)) {
            GoldenEngine golden = new GoldenEngine(TINY, w, core, false);
            List<SequenceChunk> batch = new ArrayList<>();
            int[] pos = new int[prompts.length];
            for (int s = 0; s < prompts.length; s++) {
                batch.add(new SequenceChunk(s, 0, prompts[s]));
                pos[s] = prompts[s].length;
            }
            for (int step = 0; step <= decodeSteps; step++) {
                StepResult g = golden.step(batch);
                StepResult r = rtl.step(batch);
                assertImagesEqual(golden.image(), rtl.image(), "step " + step);
                assertEquals(g.logits().length, r.logits().length);
                for (int t = 0; t < g.logits().length; t++) {
                    assertArrayEquals(g.logits()[t], r.logits()[t], "logits of token " + t + ", step " + step);
                }
                assertTrue(r.arrayBusyCycles() > 0 && r.arrayBusyCycles() <= r.cycles(), "array busy " + r.arrayBusyCycles()
                        + " of " + r.cycles());
                System.out.printf("rtl %s step %d: %d tokens, %d cycles, array busy %d (%.1f%%), golden estimate %d cycles%n",
                        core.tag(), step, g.logits().length, r.cycles(), r.arrayBusyCycles(),
                        100.0 * r.arrayBusyCycles() / r.cycles(), g.cycles());
                // the next step: each sequence's greedy token at its last position
                List<SequenceChunk> next = new ArrayList<>();
                int row = 0;
                for (SequenceChunk c : batch) {
                    row += c.tokens().length;
                    int token = LlamaMath.argmax(r.logits()[row - 1]);
                    next.add(new SequenceChunk(c.sequenceId(), pos[c.sequenceId()], new int[] {token}));
                    pos[c.sequenceId()]++;
                }
                batch = next;
            }
        }
    }

    private static void assertImagesEqual(HbmImage want, HbmImage got, String when) {
        assertEquals(want.size(), got.size(), "image size, " + when);
        byte[] a = want.bytes();
        byte[] b = got.bytes();
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                throw new AssertionError(when + ": HBM byte 0x" + Integer.toHexString(i) + " is 0x"
                        + Integer.toHexString(b[i] & 0xFF) + " on rtl, 0x" + Integer.toHexString(a[i] & 0xFF) + " on golden");
            }
        }
    }

    private static Map<String, float[]> weights(Checkpoint c) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : c.tensors().entrySet()) {
            out.put(e.getKey(), e.getValue().data());
        }
        return out;
    }
}
