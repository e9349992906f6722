package sohu.core.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What the announcement's server throughput claims imply, both ways of counting tokens. */
class ClaimAnalysisTest {

    private static final TransformerSpec M = Announcement.MODEL;
    private static final Batch B = Announcement.BATCH;
    private static final NumberFormat FP8 = NumberFormat.FP8;

    private static void assertWithin(double expected, double actual, double relTol) {
        assertTrue(Math.abs(actual - expected) <= relTol * Math.abs(expected),
                () -> "expected " + expected + " within " + relTol * 100 + "% but was " + actual);
    }

    private static ClaimAnalysis claim(HardwareSpec hw, double tps, TokenCounting c) {
        return ClaimAnalysis.of(M, B, FP8, hw, 8, tps, c);
    }

    @Test
    void sohu500kCountingAllTokensNeedsAbout8point75PflopsPerChip() {
        // Announcement-style estimate: 500k tokens/s x 2 x 70e9 FLOPs / 8 chips.
        ClaimAnalysis a = claim(SohuChip.DEFAULT, 500_000, TokenCounting.ALL_TOKENS);
        assertWithin(500_000 * 2 * 70e9 / 8, a.requiredFlopsPerChip(), 0.03);
        assertEquals(a.requiredFlopsPerChip() / SohuChip.DEFAULT.peakFlops(FP8), a.computeOnlyUtilization(), 1e-12);
    }

    @Test
    void countingOnlyOutputTokensMultipliesTheWorkBy2175Over128() {
        ClaimAnalysis all = claim(SohuChip.DEFAULT, 500_000, TokenCounting.ALL_TOKENS);
        ClaimAnalysis out = claim(SohuChip.DEFAULT, 500_000, TokenCounting.OUTPUT_TOKENS);
        // 2048 input / 128 output: each output token brings 16 input tokens with it.
        assertWithin(1 + 2048.0 / 128, out.requiredFlopsPerChip() / all.requiredFlopsPerChip(), 0.01);
        assertTrue(out.computeOnlyUtilization() > 1, "500k output tok/s exceeds the chip's peak");
        assertFalse(out.reachable());
    }

    @Test
    void h100At23kImpliesGpuLikeUtilizationOnlyIfInputTokensCount() {
        // 23k tokens/s x 2 x 70e9 / (8 x 1979 TFLOPS FP8) = 20%.
        ClaimAnalysis all = claim(GpuSpec.H100_SXM, 23_000, TokenCounting.ALL_TOKENS);
        assertWithin(23_000 * 2 * 70e9 / (8 * 1979e12), all.computeOnlyUtilization(), 0.03);
        assertTrue(all.reachable());
        assertTrue(all.rooflineUtilization() > all.computeOnlyUtilization(), "memory/comm eat into the step");
        assertTrue(claim(GpuSpec.H100_SXM, 23_000, TokenCounting.OUTPUT_TOKENS).computeOnlyUtilization() > 1);
    }

    @Test
    void b200At45kImpliesAbout17PercentCountingAllTokens() {
        ClaimAnalysis all = claim(GpuSpec.B200, 45_000, TokenCounting.ALL_TOKENS);
        assertWithin(45_000 * 2 * 70e9 / (8 * 4.5e15), all.computeOnlyUtilization(), 0.03);
        assertTrue(claim(GpuSpec.B200, 45_000, TokenCounting.OUTPUT_TOKENS).computeOnlyUtilization() > 1);
    }

    @Test
    void claimAtTheModelsOwnThroughputNeedsTheModelsUtilization() {
        // Round trip: ask for exactly what the model predicts at 60% and get 60% back.
        HardwareSpec h100 = GpuSpec.H100_SXM.withUtilization(0.6);
        double tps = ServerThroughput.predict(M, B, FP8, h100, 8).allTokensPerSecond();
        assertEquals(0.6, claim(h100, tps, TokenCounting.ALL_TOKENS).rooflineUtilization(), 1e-9);
    }

    @Test
    void throughputReportsBothCountings() {
        ServerThroughput t = ServerThroughput.predict(M, B, FP8, GpuSpec.B200, 8);
        assertEquals(2175.0 / 128, t.allTokensPerSecond() / t.outputTokensPerSecond(), 1e-9);
        assertEquals(t.outputTokensPerSecond(), t.tokensPerSecond(TokenCounting.OUTPUT_TOKENS));
        assertEquals(t.allTokensPerSecond(), t.tokensPerSecond(TokenCounting.ALL_TOKENS));
    }
}
