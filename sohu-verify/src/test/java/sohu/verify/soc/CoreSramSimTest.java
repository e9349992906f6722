package sohu.verify.soc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import sohu.core.fp.FpFormat;
import sohu.core.mem.DmaDescriptor;
import sohu.core.mem.DmaDescriptor.Direction;
import sohu.core.mem.DmaStatus;
import sohu.core.mem.rtl.DmaConfig;
import sohu.core.soc.rtl.ElementSpace;
import sohu.core.soc.rtl.InsnFetch;
import sohu.verilator.axi.HbmConfig;

/**
 * A real DMA engine, the SRAM router and the fetch unit ({@link SramTestbed}) in Verilator
 * against the HBM model (latency, jitter, stalls on every channel) and the AXI protocol monitor,
 * with acc and vmem refusing half the cycles: random LOAD/STORE-shaped descriptors into and out
 * of every memory, byte for byte against the Java model ({@link SramTraffic}); programs fetched
 * through a stalling consumer while that traffic runs, every instruction in order; the fetch
 * unit's DMA errors; the router's error flags.
 */
class CoreSramSimTest {
    /** Random batches per configuration: 25, 200 with {@code -Dsohu.long=true}. */
    static final int BATCHES = Boolean.getBoolean("sohu.long") ? 200 : 25;
    private static final long PROG = 0x80_0034;

    static Stream<Arguments> configs() {
        return Stream.of(Arguments.of(4, FpFormat.E4M3, 64), Arguments.of(4, FpFormat.E4M3, 256), Arguments.of(4, FpFormat.FP32, 64),
                Arguments.of(4, FpFormat.FP32, 256), Arguments.of(8, FpFormat.BF16, 64), Arguments.of(8, FpFormat.BF16, 256));
    }

    private static SramHarness open(int n, FpFormat f, int bits, long seed) {
        DmaConfig dma = SramTestbed.dma(bits);
        HbmConfig hbm = HbmConfig.hbm3(60).withJitter(40).withStalls(HbmConfig.Stalls.all(0.3)).withSeed(seed);
        return new SramHarness(new SramTestbed.Params(dma, SramTestbed.core(n, f), InsnFetch.Params.of(dma)), hbm, 0.5, 0.6);
    }

    @ParameterizedTest(name = "{0}x{0} {1} at {2} bits")
    @MethodSource("configs")
    void randomLoadsAndStoresOfEverySpaceMatchTheModelByteForByte(int n, FpFormat f, int bits) {
        try (SramHarness h = open(n, f, bits, n * 31L + bits + f.ordinal())) {
            SramTraffic t = new SramTraffic(h, 17 + bits);
            t.fill();
            t.random(BATCHES);
            assertTrue(t.checked() >= 4 + BATCHES, "descriptors checked: " + t.checked());
        }
    }

    @ParameterizedTest(name = "{0}x{0} {1} at {2} bits")
    @MethodSource("configs")
    void aWholeMemoryLoadAndStoreTakeAtLeastOneCyclePerWordLineAndPrintTheirRate(int n, FpFormat f, int bits) {
        DmaConfig dma = SramTestbed.dma(bits);
        HbmConfig hbm = HbmConfig.hbm3(100).withSeed(n + bits);
        try (SramHarness h = new SramHarness(new SramTestbed.Params(dma, SramTestbed.core(n, f), InsnFetch.Params.of(dma)), hbm, 0, 0)) {
            SplittableRandom rng = new SplittableRandom(bits);
            for (ElementSpace s : h.params().sram().spaces()) {
                int bytes = (int) s.bytes();
                for (int i = 0; i < bytes; i++) {
                    h.hbm().write(SramTraffic.SRC + i, rng.nextInt(256));
                }
                long load = timed(h, DmaDescriptor.linear(1, Direction.HBM_TO_SRAM, SramTraffic.SRC, SramTraffic.base(s), bytes));
                long store = timed(h, DmaDescriptor.linear(3, Direction.SRAM_TO_HBM, SramTraffic.base(s), SramTraffic.DST, bytes));
                for (int i = 0; i < bytes; i++) {
                    assertEquals(h.hbm().read(SramTraffic.SRC + i), h.hbm().read(SramTraffic.DST + i), s.space().tag() + " byte " + i);
                }
                long perCycle = Math.min(dma.busBytes(), (long) s.banks() * s.elementBytes());
                assertTrue(load >= bytes / perCycle && store >= bytes / perCycle, "faster than one word line a cycle: " + load + ", " + store);
                System.out.printf("CoreSram %dx%d %s, %d-bit bus: %s %d bytes, load %d cycles, store %d cycles (at most %d bytes a cycle)%n",
                        n, n, f, bits, s.space().tag(), bytes, load, store, perCycle);
            }
        }
    }

    private static long timed(SramHarness h, DmaDescriptor d) {
        int before = h.completions().size();
        long t0 = h.testbench().cycle();
        h.submit(d);
        h.runUntil(() -> h.completions().size() > before, 1_000_000);
        assertEquals(new DmaStatus(d.tag(), DmaStatus.Code.OK), h.completions().get(before));
        return h.testbench().cycle() - t0;
    }

    @ParameterizedTest(name = "{0}-bit bus")
    @ValueSource(ints = {64, 128, 256})
    void programsArriveWholeAndInOrderThroughAStallingConsumerWhileTrafficRuns(int bits) {
        try (SramHarness h = open(4, FpFormat.E4M3, bits, 5)) {
            SramTraffic t = new SramTraffic(h, 3);
            t.fill();
            List<long[]> prog = program(h, PROG, 300, 11);
            h.startFetch(PROG, prog.size());
            t.random(6);
            h.runUntil(() -> h.fetched().size() >= prog.size() && !h.fetchBusy(), 1_000_000);
            h.run(200);
            expectFetched(h, prog, 0);

            long at = 0x90_0000;
            List<long[]> second = program(h, at, 37, 12);
            h.startFetch(at, second.size());
            h.runUntil(() -> h.fetched().size() >= prog.size() + second.size() && !h.fetchBusy(), 1_000_000);
            h.run(200);
            expectFetched(h, second, prog.size());
            assertEquals(0, h.fetchError());
        }
    }

    @ParameterizedTest(name = "{0}-bit bus")
    @ValueSource(ints = {64, 128, 256})
    void aFetchDeliversAtMostOneInstructionACycleAndPrintsItsRate(int bits) {
        DmaConfig dma = SramTestbed.dma(bits);
        try (SramHarness h = new SramHarness(new SramTestbed.Params(dma, SramTestbed.core(4, FpFormat.E4M3), InsnFetch.Params.of(dma)),
                HbmConfig.hbm3(100).withSeed(bits), 0, 0)) {
            List<long[]> prog = program(h, PROG, 1000, 21);
            long t0 = h.testbench().cycle();
            h.startFetch(PROG, prog.size());
            h.runUntil(() -> h.fetched().size() >= prog.size(), 1_000_000);
            long cycles = h.testbench().cycle() - t0;
            expectFetched(h, prog, 0);
            double bound = Math.max(1.0, 16.0 / dma.busBytes());
            assertTrue(cycles >= bound * prog.size(), cycles + " cycles for " + prog.size() + " instructions");
            System.out.printf("InsnFetch %d-bit bus, 32-instruction chunks x8, HBM latency 100: %d instructions in %d cycles"
                    + " (%.2f cycles each, at least %.1f)%n", bits, prog.size(), cycles, (double) cycles / prog.size(), bound);
        }
    }

    @Test
    void aProgramBeyondHbmFailsWithItsDmaCodeAndNothingIsDelivered() {
        try (SramHarness h = open(4, FpFormat.E4M3, 64, 9)) {
            h.startFetch((1L << 32) - 16 * 5, 10);
            h.run(2);
            h.runUntil(() -> !h.fetchBusy(), 100_000);
            assertEquals(DmaStatus.Code.BAD_RANGE.ordinal(), h.fetchError());
            h.run(100);
            assertEquals(0, h.fetched().size());
        }
    }

    @Test
    void partialElementsAndAddressesOutOfRangeRaiseTheRouterFlags() {
        try (SramHarness h = open(8, FpFormat.BF16, 64, 13)) {
            ElementSpace act = h.params().sram().spaces().get(0);
            long base = SramTraffic.base(act);
            expectFlags(h, DmaDescriptor.linear(1, Direction.HBM_TO_SRAM, SramTraffic.SRC, base + 2, 3), true, false);
            expectFlags(h, DmaDescriptor.linear(3, Direction.HBM_TO_SRAM, SramTraffic.SRC, base + act.bytes(), 8), false, true);
            expectFlags(h, DmaDescriptor.linear(4, Direction.HBM_TO_SRAM, SramTraffic.SRC, 5L << 24, 8), false, true);
            for (int i = 0; i < 16; i++) {
                h.hbm().write(SramTraffic.DST + i, 0xAA);
            }
            expectFlags(h, DmaDescriptor.linear(5, Direction.SRAM_TO_HBM, 4L << 24, SramTraffic.DST, 16), false, true);
            for (int i = 0; i < 16; i++) {
                assertEquals(0, h.hbm().read(SramTraffic.DST + i), "a read of space 4 returns zeros");
            }
            expectFlags(h, DmaDescriptor.linear(6, Direction.HBM_TO_SRAM, SramTraffic.SRC, base, 16), false, false);
        }
    }

    private static void expectFlags(SramHarness h, DmaDescriptor d, boolean partial, boolean range) {
        int before = h.completions().size();
        h.submit(d);
        h.runUntil(() -> h.completions().size() > before, 100_000);
        assertEquals(new DmaStatus(d.tag(), DmaStatus.Code.OK), h.completions().get(before));
        boolean[] got = h.routerErrors();
        assertEquals(partial, got[0], "err_partial after " + d);
        assertEquals(range, got[1], "err_range after " + d);
        h.clearRouterErrors();
        h.run(1);
        assertFalse(h.routerErrors()[0] || h.routerErrors()[1], "err_clear clears the flags");
    }

    /** {@code n} random instructions written to HBM at {@code at}, 16 little-endian bytes each. */
    private static List<long[]> program(SramHarness h, long at, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long[] w = {rng.nextLong(), rng.nextLong()};
            for (int k = 0; k < 16; k++) {
                h.hbm().write(at + 16L * i + k, (int) (w[k / 8] >>> (8 * (k % 8))) & 0xFF);
            }
            out.add(w);
        }
        return out;
    }

    private static void expectFetched(SramHarness h, List<long[]> prog, int from) {
        assertEquals(from + prog.size(), h.fetched().size(), "instructions delivered");
        for (int i = 0; i < prog.size(); i++) {
            assertArrayEquals(prog.get(i), h.fetched().get(from + i), "instruction " + i);
        }
    }
}
