package sohu.core.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import sohu.core.compile.KvState;
import sohu.core.model.ModelSpec;
import sohu.core.model.SequenceChunk;

class SeedStepTest {
    /** Llama-3-70B by hand: 2 x matmul params per token over 4 x L x heads x head_dim x 2175. */
    @Test
    void targetRatioFromTheConfig() {
        double layer = 8192.0 * 8192 * 2 + 2.0 * 8192 * 1024 + 3.0 * 8192 * 28672;
        double linear = 2 * (80 * layer + 8192.0 * 128256);
        double attention = 4.0 * 80 * 64 * 128 * 2175;
        assertEquals(linear / attention, SeedStep.targetFlopRatio(), 1e-9 * SeedStep.targetFlopRatio());
        assertEquals(24.4, SeedStep.targetFlopRatio(), 0.1);
    }

    @Test
    void scaledRatioWithinTenPercent() {
        for (int p : new int[] {32, 64, 128, 256, 512}) {
            SeedStep s = SeedStep.of(p);
            double rel = s.flopRatio() / SeedStep.targetFlopRatio() - 1;
            assertTrue(Math.abs(rel) <= 0.10, "prefill " + p + ": ratio " + s.flopRatio() + " vs "
                    + SeedStep.targetFlopRatio());
        }
    }

    @Test
    void defaultShape() {
        SeedStep s = SeedStep.of(128);
        ModelSpec m = s.model();
        assertEquals(8, s.decode());
        assertEquals(136, s.context());
        assertEquals(512, m.hiddenSize());
        assertEquals(1792, m.intermediateSize());
        assertEquals(64, m.headDim());
        assertEquals(8, m.groupSize());
        assertEquals(200, m.vocabSize());
        // the scaled ratio by hand: layer = 2 x 512^2 + 2 x 512 x 64 + 3 x 512 x 1792, head 512 x 200
        double linear = 2 * (2 * (2.0 * 512 * 512 + 2.0 * 512 * 64 + 3.0 * 512 * 1792) + 512.0 * 200);
        assertEquals(linear / (4.0 * 2 * 8 * 64 * 136), s.flopRatio(), 1e-9);
    }

    @Test
    void batchAndKvContinueEachOther() {
        SeedStep s = SeedStep.of(64);
        KvState kv = new KvState(s.kvBlocks(16), 16);
        s.cacheContexts(kv);
        List<SequenceChunk> b = s.batch();
        assertEquals(1 + 4, b.size());
        assertEquals(64, b.get(0).tokens().length);
        for (SequenceChunk c : b) {
            assertEquals(kv.length(c.sequenceId()), c.startPosition());
            kv.append(c.sequenceId(), c.startPosition(), c.tokens().length);
        }
        assertEquals(0, kv.freeBlocks(), "kvBlocks counts exactly the blocks the step holds");
        SeedStep d = s.withoutPrefill();
        assertEquals(4, d.batch().size());
        assertEquals(4, d.tokens());
        assertEquals(s.model(), d.model());
    }

    @Test
    void badShapesSayWhy() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SeedStep(-1, 2, 2, false)).getMessage()
                .contains("prefill >= 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SeedStep(2, 0, 2, false)).getMessage()
                .contains("at least 3 tokens"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SeedStep(64, 0, 2, true)).getMessage()
                .contains("decode-only"));
    }
}
