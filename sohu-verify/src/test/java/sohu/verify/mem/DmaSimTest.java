package sohu.verify.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import sohu.core.mem.rtl.DmaConfig;

/**
 * The DMA engine in Verilator against the HBM model, the protocol monitor and the golden model
 * ({@link DmaChecks}, the checks {@code ./sohu regress} runs for the block {@code dma}).
 */
class DmaSimTest {
    /** Cycles of random traffic: 10^5, 10^6 with {@code -Dsohu.long=true}. */
    static final long RANDOM_CYCLES = Boolean.getBoolean("sohu.long") ? 1_000_000 : 100_000;

    private static long run(DmaConfig cfg, DmaChecks.Check c) {
        try (DmaHarness h = new DmaHarness(cfg, c.hbm(), c.sram())) {
            return c.body().run(h);
        }
    }

    @Test
    void everyShortLengthAtEveryOffsetNearWordAndPageEdgesInEveryDirection() {
        assertEquals(3 * 32 * 32, run(DmaChecks.CFG, DmaChecks.shortLengths()));
    }

    /**
     * The scoreboard over random traffic with the HBM model reordering read bursts across IDs (the
     * check fails unless the monitor saw some burst overtake an older one of another ID).
     */
    @Test
    void randomTwoDimensionalTrafficUnderStallsOnEveryChannelForAHundredThousandCyclesOrMore() {
        DmaChecks.Check c = DmaChecks.random(RANDOM_CYCLES, 7);
        try (DmaHarness h = new DmaHarness(DmaChecks.CFG, c.hbm(), c.sram())) {
            assertTrue(c.body().run(h) > 100);
            long ooo = h.monitor().readsOutOfOrder();
            assertTrue(ooo > 0, "read bursts out of order across IDs: " + ooo);
            System.out.printf("dma random: %d cycles, %d read bursts, %d of them back before an older one of another ID%n",
                    h.testbench().cycle(), h.hbmModel().stats().readBursts, ooo);
        }
    }

    @Test
    void errorResponsesFailTheirDescriptorAndTheEngineTakesTheNext() {
        assertEquals(7, run(DmaChecks.CFG, DmaChecks.errors()));
    }

    @Test
    void aFailedDescriptorIsAbandonedAfterTheBurstsInFlight() {
        assertEquals(8, run(DmaChecks.CFG, DmaChecks.abandon()));
    }

    @Test
    void badDescriptorsGetTheirCodeMoveNothingAndNeverHang() {
        assertEquals(9, run(DmaChecks.CFG, DmaChecks.badDescriptors()));
    }

    @Test
    void aWideBusMovesEveryLengthUpToFourWordsAtOffsetsAcrossTheWord() {
        assertTrue(run(DmaChecks.WIDE, DmaChecks.wide()) > 100);
    }
}
