package sohu.core.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The sweep API behaves like a roofline: it scales with whichever resource binds. */
class SohuPredictorTest {

    private static final double FAST_HBM = 1e15; // makes memory negligible

    @Test
    void computeBoundThroughputScalesWithArraysAndUtilization() {
        // One small array: compute dwarfs memory and communication.
        ServerThroughput base = SohuPredictor.predict(32, 32, 1, 1e9, 0.5, FAST_HBM, NumberFormat.FP8);
        ServerThroughput twice = SohuPredictor.predict(32, 32, 2, 1e9, 0.5, FAST_HBM, NumberFormat.FP8);
        ServerThroughput busier = SohuPredictor.predict(32, 32, 1, 1e9, 1.0, FAST_HBM, NumberFormat.FP8);
        assertEquals(Bound.COMPUTE, base.step().bound());
        assertTrue(twice.allTokensPerSecond() / base.allTokensPerSecond() > 1.99);
        assertTrue(busier.allTokensPerSecond() / base.allTokensPerSecond() > 1.99);
    }

    @Test
    void computeBoundThroughputIsServerFlopsOverFlopsPerToken() {
        double peak = 2.0 * 32 * 32 * 1e9;
        ServerThroughput t = SohuPredictor.predict(32, 32, 1, 1e9, 1.0, FAST_HBM, NumberFormat.FP8);
        // About 2 x 70e9 FLOPs per token (plus ~2% attention) on 8 chips.
        double estimate = 8 * peak / (2 * 70.55e9);
        assertTrue(t.allTokensPerSecond() < estimate && t.allTokensPerSecond() > 0.95 * estimate);
    }

    @Test
    void memoryBoundThroughputScalesWithBandwidthAndFormat() {
        // Huge compute, slow HBM.
        ServerThroughput slow = SohuPredictor.predict(1024, 1024, 256, 2e9, 1.0, 1e11, NumberFormat.BF16);
        ServerThroughput fast = SohuPredictor.predict(1024, 1024, 256, 2e9, 1.0, 2e11, NumberFormat.BF16);
        ServerThroughput fp8 = SohuPredictor.predict(1024, 1024, 256, 2e9, 1.0, 1e11, NumberFormat.FP8);
        assertEquals(Bound.MEMORY, slow.step().bound());
        assertTrue(fast.allTokensPerSecond() / slow.allTokensPerSecond() > 1.9);
        assertTrue(fp8.allTokensPerSecond() / slow.allTokensPerSecond() > 1.9);
    }

    @Test
    void defaultChipMatchesTheFullReportPath() {
        ServerThroughput direct = SohuPredictor.predict(SohuChip.DEFAULT, NumberFormat.FP8);
        ServerThroughput viaQuery = ServerThroughput.predict(TransformerSpec.LLAMA3_70B, Batch.of(2048, 127),
                NumberFormat.FP8, SohuChip.DEFAULT, 8);
        assertEquals(viaQuery, direct);
    }
}
