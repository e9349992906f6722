package sohu.verify.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import sohu.core.mem.DmaDescriptor;
import sohu.core.mem.DmaDescriptor.Direction;
import sohu.core.mem.DmaStatus;
import sohu.core.mem.rtl.DmaConfig;
import sohu.verilator.axi.HbmConfig;

/** The DMA engine in Verilator against the HBM model, the protocol monitor and the golden model. */
class DmaSimTest {
    /** A 64-bit engine, small enough to build quickly: 4 bursts of up to 64 beats each way, 256 beats of buffer, 2 MiB of SRAM. */
    static final DmaConfig CFG = new DmaConfig(64, 32, 4, 4, 4, 64, 256, 21);
    /** Cycles of random traffic: 10^5, 10^6 with {@code -Dsohu.long=true}. */
    static final long RANDOM_CYCLES = Boolean.getBoolean("sohu.long") ? 1_000_000 : 100_000;
    private static final int SLOTS = 64;
    private static final long SLOT = 8192;
    private static final long DST = 0x100000;

    private static List<Scoreboard.Region> slotRegions() {
        List<Scoreboard.Region> r = new ArrayList<>();
        for (boolean sram : new boolean[] {false, true}) {
            r.add(new Scoreboard.Region(sram, 0, SLOTS * SLOT));
            r.add(new Scoreboard.Region(sram, DST, DST + SLOTS * SLOT));
        }
        return r;
    }

    private static int[] offsets() {
        int[] o = new int[32];
        for (int i = 0; i < 16; i++) {
            o[i] = i;
            o[16 + i] = 4096 - 16 + i;
        }
        return o;
    }

    @Test
    void everyShortLengthAtEveryOffsetNearWordAndPageEdgesInEveryDirection() {
        try (DmaHarness h = new DmaHarness(CFG, HbmConfig.hbm3(20).withJitter(5), DmaHarness.SramBehaviour.plain())) {
            int[] off = offsets();
            int n = 0;
            for (Direction dir : Direction.values()) {
                Scoreboard sb = new Scoreboard(h, slotRegions(), dir.ordinal());
                int slot = 0;
                for (int len = 1; len <= 32; len++) {
                    for (int i = 0; i < off.length; i++) {
                        int so = off[i];
                        int dOff = off[(i * 7 + len) % off.length];
                        sb.submit(DmaDescriptor.linear(slot, dir, slot * SLOT + so, DST + slot * SLOT + dOff, len));
                        n++;
                        if (++slot == SLOTS) {
                            sb.finishBatch(200_000);
                            slot = 0;
                        }
                    }
                }
                sb.finishBatch(200_000);
            }
            assertTrue(h.monitor().quiet(), "every AXI burst finished");
            assertTrue(n == 3 * 32 * 32);
        }
    }

    @Test
    void randomTwoDimensionalTrafficUnderStallsOnEveryChannelForAHundredThousandCyclesOrMore() {
        HbmConfig hbm = HbmConfig.hbm3(100).withJitter(500).withStalls(HbmConfig.Stalls.all(0.75)).withSeed(7);
        try (DmaHarness h = new DmaHarness(CFG, hbm, new DmaHarness.SramBehaviour(3, 0.75, 0.5))) {
            SplittableRandom rng = new SplittableRandom(11);
            Scoreboard sb = new Scoreboard(h, slotRegions(), 3);
            int descriptors = 0;
            int tag = 0;
            while (h.testbench().cycle() < RANDOM_CYCLES) {
                for (int slot = 0; slot < 16; slot++) {
                    sb.submit(randomDescriptor(rng, tag++ & 0xFF, slot * 4));
                    descriptors++;
                }
                sb.finishBatch(2_000_000);
            }
            assertTrue(h.monitor().quiet(), "every AXI burst finished");
            assertTrue(h.hbmModel().stats().readBursts > 100 && h.hbmModel().stats().writeBursts > 100,
                    "both directions exercised: " + h.hbmModel().stats().readBursts + " reads, " + h.hbmModel().stats().writeBursts + " writes");
            assertTrue(descriptors > 100, descriptors + " descriptors");
        }
    }

    /** A 2-D descriptor inside slots {@code slot..slot+3}, now and then a bad one. */
    private static DmaDescriptor randomDescriptor(SplittableRandom rng, int tag, int slot) {
        Direction dir = Direction.values()[rng.nextInt(3)];
        int rows = 1 + rng.nextInt(4);
        int bpr = 1 + rng.nextInt(rng.nextBoolean() ? 64 : 1000);
        long srcStride = rng.nextInt(1200);
        long dstStride = bpr + rng.nextInt(200);
        long src = slot * SLOT + rng.nextInt(4096);
        long dst = DST + slot * SLOT + rng.nextInt(4096);
        switch (rng.nextInt(20)) {
            case 0 -> rows = 0;
            case 1 -> bpr = 0;
            case 2 -> dst = (1L << 32) - 16;
            case 3 -> {
                rows = Math.max(rows, 2);
                dstStride = bpr - 1;
            }
            default -> { }
        }
        return new DmaDescriptor(tag, dir, src, dst, rows, bpr, srcStride, dstStride);
    }

    @Test
    void errorResponsesFailTheirDescriptorAndTheEngineTakesTheNext() {
        long badRead = 4 * SLOT;
        long badWrite = DST + 6 * SLOT;
        HbmConfig hbm = HbmConfig.hbm3(100).withStalls(HbmConfig.Stalls.all(0.25)).withErrors(List.of(
                new HbmConfig.ErrorRange(badRead, badRead + 64, 2, true, false),
                new HbmConfig.ErrorRange(badRead + 4096, badRead + 4096 + 64, 3, true, false),
                new HbmConfig.ErrorRange(badWrite, badWrite + 64, 3, false, true),
                new HbmConfig.ErrorRange(badWrite + 4096, badWrite + 4096 + 64, 2, false, true)));
        try (DmaHarness h = new DmaHarness(CFG, hbm, DmaHarness.SramBehaviour.plain())) {
            Scoreboard sb = new Scoreboard(h, slotRegions(), 5);
            sb.submit(DmaDescriptor.linear(1, Direction.HBM_TO_SRAM, badRead - 100, DST, 700), DmaStatus.Code.READ_SLVERR);
            sb.submit(DmaDescriptor.linear(2, Direction.HBM_TO_SRAM, SLOT, DST + SLOT, 300), DmaStatus.Code.OK);
            sb.submit(DmaDescriptor.linear(3, Direction.HBM_TO_HBM, badRead + 4000, DST + 2 * SLOT, 200), DmaStatus.Code.READ_DECERR);
            sb.submit(DmaDescriptor.linear(4, Direction.HBM_TO_HBM, 2 * SLOT, badWrite + 5, 3000), DmaStatus.Code.WRITE_DECERR);
            sb.submit(DmaDescriptor.linear(5, Direction.SRAM_TO_HBM, 3 * SLOT, badWrite + 4096 - 8, 16), DmaStatus.Code.WRITE_SLVERR);
            sb.submit(DmaDescriptor.linear(6, Direction.SRAM_TO_HBM, 5 * SLOT + 3, DST + 3 * SLOT + 1, 999), DmaStatus.Code.OK);
            sb.submit(new DmaDescriptor(7, Direction.HBM_TO_HBM, 7 * SLOT, DST + 7 * SLOT, 3, 100, 300, 200), DmaStatus.Code.OK);
            sb.finishBatch(200_000);
            assertTrue(h.monitor().quiet(), "every AXI burst finished");
        }
    }

    @Test
    void badDescriptorsGetTheirCodeMoveNothingAndNeverHang() {
        try (DmaHarness h = new DmaHarness(CFG, HbmConfig.hbm3(100), DmaHarness.SramBehaviour.plain())) {
            Scoreboard sb = new Scoreboard(h, slotRegions(), 9);
            long top = 1L << CFG.addrBits();
            long sramTop = 1L << CFG.sramBits();
            sb.submit(new DmaDescriptor(1, Direction.HBM_TO_HBM, 0, DST, 0, 16, 16, 16), DmaStatus.Code.BAD_LENGTH);
            sb.submit(DmaDescriptor.linear(2, Direction.HBM_TO_SRAM, 0, DST, 0), DmaStatus.Code.BAD_LENGTH);
            sb.submit(DmaDescriptor.linear(3, Direction.HBM_TO_HBM, top - 8, DST, 9), DmaStatus.Code.BAD_RANGE);
            sb.submit(DmaDescriptor.linear(4, Direction.HBM_TO_HBM, top - 8, DST, 8), DmaStatus.Code.OK);
            sb.submit(DmaDescriptor.linear(5, Direction.HBM_TO_SRAM, SLOT, sramTop - 4, 5), DmaStatus.Code.BAD_RANGE);
            sb.submit(new DmaDescriptor(6, Direction.SRAM_TO_HBM, SLOT, DST + SLOT, 3, 100, 100, 99), DmaStatus.Code.BAD_STRIDE);
            sb.submit(new DmaDescriptor(7, Direction.SRAM_TO_HBM, SLOT, DST + SLOT, 3, 100, 0, 100), DmaStatus.Code.OK);
            sb.submit(new DmaDescriptor(8, Direction.HBM_TO_HBM, (1L << 40) + SLOT, DST, 1, 10, 0, 10), DmaStatus.Code.BAD_RANGE);
            sb.submit(new DmaDescriptor(9, Direction.HBM_TO_SRAM, 2 * SLOT, DST + 2 * SLOT, 1000, 4, 1, 4), DmaStatus.Code.OK);
            sb.finishBatch(100_000);
            assertEquals(9, h.completions().size());
        }
    }

    @Test
    void aWideBusMovesEveryLengthUpToFourWordsAtOffsetsAcrossTheWord() {
        DmaConfig wide = new DmaConfig(256, 40, 2, 2, 2, 16, 64, 21);
        HbmConfig hbm = HbmConfig.hbm3(30).withStalls(HbmConfig.Stalls.all(0.5));
        try (DmaHarness h = new DmaHarness(wide, hbm, new DmaHarness.SramBehaviour(1, 0.5, 0))) {
            int slot = 0;
            Scoreboard sb = new Scoreboard(h, slotRegions(), 13);
            for (Direction dir : Direction.values()) {
                for (int len = 1; len <= 128; len += 3) {
                    int so = (len * 11) % 64;
                    int dOff = (len * 5 + dir.ordinal() * 17) % 64;
                    sb.submit(DmaDescriptor.linear(slot, dir, slot * SLOT + 4096 - 64 + so, DST + slot * SLOT + dOff, len));
                    if (++slot == SLOTS) {
                        sb.finishBatch(200_000);
                        slot = 0;
                    }
                }
            }
            sb.finishBatch(200_000);
            assertTrue(h.monitor().quiet(), "every AXI burst finished");
        }
    }
}
