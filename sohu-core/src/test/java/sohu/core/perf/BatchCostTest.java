package sohu.core.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Reproduces the announcement's per-batch arithmetic from the model. */
class BatchCostTest {

    private static final TransformerSpec M = TransformerSpec.LLAMA3_70B;
    private static final Batch B = Batch.of(2048, 127);

    private static void assertWithin(double expected, double actual, double relTol) {
        assertTrue(Math.abs(actual - expected) <= relTol * Math.abs(expected),
                () -> "expected " + expected + " within " + relTol * 100 + "% but was " + actual);
    }

    @Test
    void batchFlopsMatchThe304TflopClaim() {
        BatchCost c = BatchCost.of(M, B, NumberFormat.BF16);
        assertWithin(304e12, c.linearFlops(), 0.03);
        assertWithin(304e12, c.totalFlops(), 0.03);
        assertTrue(c.attentionFlops() > 0 && c.attentionFlops() < 0.03 * c.linearFlops(),
                "attention is a small correction at 2k context");
    }

    @Test
    void bf16WeightsMatchThe140GbClaim() {
        assertWithin(140e9, BatchCost.of(M, B, NumberFormat.BF16).weightBytes(), 0.03);
    }

    @Test
    void announcementKvFormulaUses64WhereTheLayerCountBelongs() {
        // The announcement's literal formula: 127 x 64 x 8 x 128 x (2048+127) x 2 x 2.
        double formula = 127.0 * 64 * 8 * 128 * (2048 + 127) * 2 * 2;
        assertWithin(72e9, formula, 0.03);
        assertEquals(formula, Announcement.kvBytesByFormula(M, B, NumberFormat.BF16), 1e-9 * formula);
    }

    @Test
    void realShapeKvIsAQuarterLargerThanAnnounced() {
        double kv = BatchCost.of(M, B, NumberFormat.BF16).kvReadBytes();
        assertEquals(127.0 * 80 * 8 * 128 * 2175 * 2 * 2, kv, 1e-9 * kv);
        assertWithin(72e9 * 80 / 64, kv, 0.03);
        assertTrue(kv > 1.2 * 72e9, "80 layers do not reproduce 72 GB");
    }

    @Test
    void kvWriteCoversEveryNewToken() {
        BatchCost c = BatchCost.of(M, B, NumberFormat.FP8);
        assertEquals(2175 * 80 * 8 * 128 * 2.0, c.kvWriteBytes(), 1e-6);
    }

    @Test
    void prefillAttentionIsCausal() {
        TransformerSpec tiny = new TransformerSpec("tiny", 1, 8, 1, 1, 8, 8, 10);
        BatchCost c = BatchCost.of(tiny, new Batch(4, 0, 1), NumberFormat.BF16);
        // Positions 1..4 attend to 1+2+3+4 = 10 keys; 4 FLOPs per key per head-dim element.
        assertEquals(10 * 4 * 8.0, c.attentionFlops(), 1e-9);
        assertEquals(0.0, c.kvReadBytes());
    }

    @Test
    void allReduceCarriesEveryTokensActivationsTwicePerLayer() {
        BatchCost c = BatchCost.of(M, B, NumberFormat.FP8);
        assertEquals(2175.0 * 8192 * 2, c.allReduceBytes(), "activations reduced in BF16 even for FP8");
        assertEquals(160, c.allReducesPerStep());
    }

    @Test
    void batchCountsInputAndOutputTokens() {
        assertEquals(2175, B.totalTokens());
        assertEquals(128, B.outputTokens(), "127 decodes plus the prompt's first token");
        assertEquals(2175, B.decodeContext());
        assertEquals(5, Batch.of(0, 5).outputTokens());
    }
}
