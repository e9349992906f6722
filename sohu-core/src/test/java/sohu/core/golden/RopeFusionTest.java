package sohu.core.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sohu.core.compile.CoreConfig;
import sohu.core.fp.FpFormat;
import sohu.core.model.ModelSpec;
import sohu.core.model.SequenceChunk;
import sohu.core.model.StepResult;

/**
 * RoPE and the KV append fused into the Q/K/V products' epilogues compute what the FP32 products
 * and the RoPE row phase compute, bit for bit: the same tiny model and steps on two 8x8 cores that
 * differ only in the activation scratchpad, whose 64 words leave RoPE's tiles too few rows to
 * fuse the 15-token prefill (the decode steps fuse on both). Each row's arithmetic does not depend on the tiling (a GEMM is one FMA chain per output in
 * K order; the prompts are shorter than a KV block, so attention is one chunk on both), so the
 * logits of a prefill and two decode steps must be equal.
 */
class RopeFusionTest {
    private static final ModelSpec TINY = ModelSpec.tiny();
    private static final Map<String, float[]> W = TinyModel.weights(TINY, 3);

    @Test
    void fusedAndRowPhaseRopeGiveTheSameLogits() {
        for (FpFormat f : List.of(FpFormat.BF16, FpFormat.E4M3)) {
            GoldenEngine fused = new GoldenEngine(TINY, W, new CoreConfig(8, 8, f, 8, 1024, 1024, 1024, 1024, 16, 64, 32),
                    true);
            GoldenEngine rows = new GoldenEngine(TINY, W, new CoreConfig(8, 8, f, 8, 64, 1024, 1024, 1024, 16, 64, 32),
                    true);
            List<List<SequenceChunk>> steps = List.of(
                    List.of(new SequenceChunk(0, 0, new int[] {5, 99, 13, 250, 8, 77, 6, 511, 3, 64, 128, 9}),
                            new SequenceChunk(1, 0, new int[] {17, 2, 480})),
                    List.of(new SequenceChunk(0, 12, new int[] {40}), new SequenceChunk(1, 3, new int[] {41})),
                    List.of(new SequenceChunk(0, 13, new int[] {42}), new SequenceChunk(1, 4, new int[] {43})));
            for (int i = 0; i < steps.size(); i++) {
                StepResult a = fused.step(steps.get(i));
                StepResult b = rows.step(steps.get(i));
                assertTrue(hasPhase(fused, "L0 qkv+rope+kv_append"), f + ": the 1024-word core fuses RoPE");
                if (i == 0) {
                    assertTrue(hasPhase(rows, "L0 rope+kv_append"), f + ": the 64-word core keeps the row phase");
                }
                for (int t = 0; t < a.logits().length; t++) {
                    assertArrayEquals(a.logits()[t], b.logits()[t], 0.0, f + " step " + i + " token " + t);
                }
            }
        }
    }

    private static boolean hasPhase(GoldenEngine e, String name) {
        return e.lastProgram().phases().stream().anyMatch(p -> p.name().equals(name));
    }
}
