package sohu.core.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import sohu.core.array.ArrayConfig;

/**
 * The sweep's entry point against hand arithmetic from Llama-3-70B's published shape: when compute
 * binds, an 8-chip server can do no better than 8 x peak x utilization / FLOPs per token, and the best
 * layout reaches it; when HBM binds, no better than 8 x bandwidth x tokens / bytes per step.
 */
class SohuPredictorTest {
    // Llama-3-70B: 80 layers of q, o (8192^2), k, v (8192 x 1024) and SwiGLU (3 x 8192 x 28672), LM head 128256 x 8192.
    private static final double MATMUL_PARAMS = 80.0 * (2.0 * 8192 * 8192 + 2.0 * 8192 * 1024 + 3.0 * 8192 * 28672)
            + 128256.0 * 8192;
    private static final double ALL_PARAMS = MATMUL_PARAMS + 128256.0 * 8192 + (2 * 80 + 1) * 8192.0;
    // QK^T and AV: 4 x 80 layers x 64 heads x 128 FLOPs per key; causal prompt 2048 x 2049 / 2, 127 x 2175 decode.
    private static final double ATTENTION = 4.0 * 80 * 64 * 128 * (2048.0 * 2049 / 2 + 127.0 * 2175);
    private static final double STEP_FLOPS = 2175 * 2 * MATMUL_PARAMS + ATTENTION;
    private static final double KV_PER_TOKEN_FP8 = 2.0 * 80 * 8 * 128;

    @Test
    void computeBoundServerReachesEightTimesPeakOverFlopsPerStep() {
        SohuChip c = SohuChip.DEFAULT;
        double peak = 2.0 * 256 * 256 * 64 * 1.2e9 * c.utilization();
        ServerThroughput t = SohuPredictor.predict(c, NumberFormat.FP8);
        assertEquals(8 * peak * 2175 / STEP_FLOPS, t.allTokensPerSecond(), 1e-9 * t.allTokensPerSecond());
        assertEquals(8 * peak * 128 / STEP_FLOPS, t.outputTokensPerSecond(), 1e-9 * t.outputTokensPerSecond());
    }

    @Test
    void memoryBoundServerReachesEightTimesBandwidthOverBytesPerStep() {
        double hbm = 1e11; // slow enough that HBM binds in every layout
        ServerThroughput t = SohuPredictor.predict(256, 256, 64, 1.2e9, 0.9, hbm, NumberFormat.FP8);
        double bytes = ALL_PARAMS + 127.0 * 2175 * KV_PER_TOKEN_FP8 + 2175 * KV_PER_TOKEN_FP8;
        assertEquals(8 * hbm * 2175 / bytes, t.allTokensPerSecond(), 1e-9 * t.allTokensPerSecond());
        assertEquals(Bound.MEMORY, t.step().bound());
    }

    @Test
    void defaultUtilizationIsTheEngineCycleModelOfItsReferenceGemm() {
        // 2048 x 512 x 512 on 256 x 256, latency 3: 4 tiles of 2048 rows back to back (2048 >= (R-1)L + R), after
        // 2 check cycles and a 256-cycle weight load, then a drain of R L + C = 1024: 8192 busy of ~9474.
        ArrayConfig a = SohuChip.DEFAULT_ARRAY;
        double expected = 8192.0 / (2 + 256 + 8192 + 1024);
        assertEquals(expected, SohuChip.DEFAULT.utilization(), 2e-3 * expected);
        assertEquals(SohuChip.cycleModelUtilization(a), SohuChip.DEFAULT.utilization());
    }
}
