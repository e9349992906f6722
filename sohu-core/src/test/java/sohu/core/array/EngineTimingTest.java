package sohu.core.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import sohu.core.fp.FpFormat;

/** The cycle model: where the cycles go, and the utilization of large GEMMs. */
class EngineTimingTest {

    @Test
    void everyCycleHasExactlyOneReason() {
        ArrayConfig cfg = ArrayConfig.of(8, 8, FpFormat.BF16);
        for (int m : new int[] {1, 5, 20, 26, 29, 64}) {
            for (int k : new int[] {1, 8, 13, 40}) {
                EngineTiming.Counters c = EngineTiming.predict(cfg, GemmCommand.packed(cfg, m, k, 19, false));
                assertEquals(c.cycles(), c.busy() + c.fill() + c.drain() + c.stallWeights() + c.stallAcc(), m + "x" + k);
                assertEquals((long) m * k * 19, c.macs());
            }
        }
    }

    @Test
    void stallsAppearBelowTheHidingThresholds() {
        ArrayConfig cfg = ArrayConfig.of(8, 8, FpFormat.BF16); // R·L + 2 = 26, (R-1)·L + R = 29
        assertEquals(0, EngineTiming.predict(cfg, GemmCommand.packed(cfg, 29, 64, 64, false)).stallWeights());
        assertTrue(EngineTiming.predict(cfg, GemmCommand.packed(cfg, 28, 64, 64, false)).stallWeights() > 0);
        assertEquals(0, EngineTiming.predict(cfg, GemmCommand.packed(cfg, 26, 64, 8, false)).stallAcc());
        // M = 10, 8 K tiles: tile 1 waits for the partial sums (26 - 10 cycles), later tiles for the
        // weights of the buffer freed ·L = 21 cycles after the previous start (29 - 10 each).
        EngineTiming.Counters small = EngineTiming.predict(cfg, GemmCommand.packed(cfg, 10, 64, 8, false));
        assertEquals(26 - 10, small.stallAcc());
        assertEquals(6 * (29 - 10), small.stallWeights());
    }

    @Test
    void largeGemmsKeepTheArrayOver95PercentBusy() {
        for (int n : new int[] {8, 16}) {
            ArrayConfig cfg = ArrayConfig.of(n, n, FpFormat.BF16);
            EngineTiming.Counters c = EngineTiming.predict(cfg, GemmCommand.packed(cfg, 8 * n, 8 * n, 8 * n, false));
            assertTrue(c.utilization(cfg) >= 0.95, n + "x" + n + ": " + c.utilization(cfg));
        }
    }

    @Test
    void rejectedCommandsOnlySpendTheCheck() {
        ArrayConfig cfg = ArrayConfig.of(4, 4, FpFormat.FP16);
        EngineTiming.Counters c = EngineTiming.predict(cfg, GemmCommand.packed(cfg, 0, 4, 4, false));
        assertEquals(EngineTiming.CHECK_CYCLES, c.cycles());
        assertEquals(0, c.busy());
    }
}
