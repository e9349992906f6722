package sohu.verify.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import sohu.core.array.ArrayConfig;
import sohu.core.fp.FpFormat;

/**
 * The utilization of a large GEMM (M = 8R) on a 4x4 engine, from the RTL's own counters: it
 * equals what the cycle model EngineTiming predicts and is at least 90%.
 */
class EngineUtilizationSimTest {
    @Test
    void largeGemmOn4x4ReachesThePredictedUtilization() {
        ArrayConfig cfg = ArrayConfig.of(4, 4, FpFormat.BF16).withDepth(1024);
        try (EngineDriver d = EngineDriver.open(cfg)) {
            GemmChecks.Utilization u = GemmChecks.utilization(d, new Random(3));
            assertEquals(32, u.command().m());
            long ideal = (long) u.command().m() * u.command().k() * u.command().n() / (4 * 4);
            assertEquals((double) ideal / u.cycles(), u.measured(), 1e-12);
            assertEquals(u.predicted(), u.measured(), 1e-12, "RTL counters vs the cycle model");
            assertTrue(u.measured() >= 0.90, "utilization " + u.measured());
        }
    }
}
