package sohu.verify.soc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sohu.core.array.EngineTiming;
import sohu.core.array.GemmCommand;
import sohu.core.compile.CoreConfig;
import sohu.core.compile.HbmImage;
import sohu.core.fp.FpFormat;
import sohu.core.golden.GoldenSimulator;
import sohu.core.golden.SimResult;
import sohu.core.isa.Deps;
import sohu.core.isa.Dma;
import sohu.core.isa.Gemm;
import sohu.core.isa.Program;
import sohu.core.isa.IssueQueue;
import sohu.core.isa.Move;
import sohu.core.isa.Space;
import sohu.core.isa.Sync;
import sohu.core.isa.Vector;
import sohu.core.soc.SequencerConfig;
import sohu.core.soc.rtl.SohuCore;
import sohu.verilator.axi.HbmConfig;
import sohu.core.xformer.VectorOp;

/**
 * The whole SohuCore in Verilator on GEMM programs: fetched from HBM, LOAD, GEMM, GEMM
 * accumulating, STORE through the sequencer, the matrix engine and the DMA engine on the HBM
 * model; the whole HBM image afterwards equals the golden simulator's bit for bit.
 */
class SohuCoreSimTest {
    private static final long A = 0x000;
    private static final long A2 = 0x100;
    private static final long W = 0x200;
    private static final long C = 0x400;
    /** Where the programs go in HBM: beyond every image. */
    private static final long PROGRAM = 0x10000;

    @Test
    void loadGemmAccumulateStoreEqualsTheGoldenSimulatorBitForBit() {
        CoreConfig core = CoreConfig.of(4, FpFormat.BF16);
        Program p = program();
        try (SohuCoreHarness h = new SohuCoreHarness(SohuCore.Params.of(core), HbmConfig.hbm3(100).withJitter(20))) {
            for (long seed = 1; seed <= 3; seed++) {
                HbmImage image = image(new Random(seed));
                HbmImage golden = image.copy();
                new GoldenSimulator(core, true).run(p, golden); // race checking on: the program is well formed
                SohuCoreHarness.Run run = h.run(p, image, PROGRAM);
                long cycles = run.cycles();
                int nonZero = 0;
                for (long a = 0; a < image.size(); a++) {
                    assertEquals(golden.read(a, 1), image.read(a, 1), "HBM byte 0x" + Long.toHexString(a) + ", seed " + seed);
                    nonZero += a >= C && golden.read(a, 1) != 0 ? 1 : 0;
                }
                assertTrue(nonZero > 64, "the stored C is mostly zero: " + nonZero + " bytes");
                checkArrayCounters(run, core, p);
                System.out.printf("SohuCore 4x4 BF16, seed %d: %d cycles, C (4x8 FP32) equal to the golden simulator%n",
                        seed, cycles);
            }
        }
    }

    /**
     * Random GEMM shapes tiled over K in double-buffered slots (a tile's loads wait for the GEMM
     * that freed its slot; each GEMM waits for its tiles), with a DMA that waits up to 30 cycles
     * before each transfer: the HBM image equals the golden simulator's after every program.
     */
    @Test
    void doubleBufferedTiledGemmsEqualTheGoldenSimulator() {
        CoreConfig core = CoreConfig.of(4, FpFormat.BF16);
        Random rnd = new Random(41);
        SohuCore.Params params = SohuCore.Params.of(core);
        params = new SohuCore.Params(core, new SequencerConfig(4, 2), params.dma(), params.fetch());
        HbmConfig hbm = HbmConfig.hbm3(300).withJitter(50).withStalls(HbmConfig.Stalls.all(0.5)).withSeed(41);
        try (SohuCoreHarness h = new SohuCoreHarness(params, hbm)) {
            for (int r = 0; r < (SequencerSimTest.LONG ? 20 : 4); r++) {
                int m = 1 + rnd.nextInt(8);
                int kt = 4 * (1 + rnd.nextInt(2));
                int tiles = 1 + rnd.nextInt(4);
                int n = 4 * (1 + rnd.nextInt(3));
                Program p = tiled(m, kt, tiles, n);
                HbmImage image = image(new Random(r), 0xC00, 0x800);
                HbmImage golden = image.copy();
                new GoldenSimulator(core, true).run(p, golden);
                SohuCoreHarness.Run run = h.run(p, image, PROGRAM);
                for (long a = 0; a < image.size(); a++) {
                    assertEquals(golden.read(a, 1), image.read(a, 1), "HBM byte 0x" + Long.toHexString(a) + " after "
                            + m + "x" + (kt * tiles) + "x" + n + " in " + tiles + " tiles\n" + p.dump());
                }
                checkArrayCounters(run, core, p);
                System.out.printf("SohuCore 4x4 BF16: %dx%dx%d in %d K tiles, %d cycles (%d array busy), equal to the golden "
                        + "simulator%n", m, kt * tiles, n, tiles, run.cycles(), run.counter("array_busy"));
            }
        }
    }

    /**
     * A GEMM runs in the background (docs/ISA.md, "Instructions in flight"): a VECTOR into the
     * vector memory and a VECTOR writing activations outside the GEMM's A words start while it
     * runs; a VECTOR writing into its A words waits for it to retire; so the second GEMM
     * (accumulating over A with two rows rewritten) sees the new rows and the first GEMM the old
     * ones. A MOVE of accumulator words outside the second GEMM's C starts while it runs, a MOVE of
     * its C waits for it. The whole image equals the golden simulator's, whose timing keeps the
     * same order.
     */
    @Test
    void aGemmRunsInTheBackgroundAndWhatTouchesItsOperandsWaits() {
        CoreConfig core = CoreConfig.of(4, FpFormat.BF16);
        Deps pushNext = Deps.NONE.withPush(IssueQueue.LOAD, IssueQueue.COMPUTE);
        Deps popPrev = Deps.NONE.withPop(IssueQueue.COMPUTE, IssueQueue.LOAD);
        Program p = new Program(List.of(
                new Dma(false, Space.ACT, 0, 0x000, 64, 8, 16, 8, Deps.NONE),          // A: act words 0..127
                new Dma(false, Space.WGT, 0, 0x400, 8, 8, 16, 8, Deps.NONE),
                new Dma(false, Space.ACC, 512 * 4, 0x500, 1, 64, 256, 64, Deps.NONE),    // acc words 512..527
                new Dma(false, Space.VMEM, 0, 0x500, 1, 64, 256, 64, pushNext),          // vmem words 0..15
                new Gemm(new GemmCommand(64, 8, 8, 0, 2, 0, 2, 0, 2, false), popPrev),   // 4
                Vector.of(VectorOp.ADD_ROW, 0, 4, 0, 16, 16, false, 0, 0, 0),            // 5: vmem only
                Vector.of(VectorOp.ADD_ROW, 0, 4, 0, 200, 16, true, 0, 0, 0),            // 6: act 200..203
                Vector.of(VectorOp.ADD_ROW, 8, 12, 0, 100, 16, true, 0, 0, 0),           // 7: act 100..103, in A
                new Gemm(new GemmCommand(64, 8, 8, 0, 2, 0, 2, 0, 2, true), Deps.NONE),  // 8: C is acc words 0..127
                new Move(512, 300, 8, 2, 2, 2, Deps.NONE),                               // 9: acc 512..527, beside 8
                new Move(0, 32, 64, 2, 2, 2, Deps.NONE),                                 // 10: 8's C, after it
                new Sync(IssueQueue.COMPUTE, Deps.NONE.withPush(IssueQueue.COMPUTE, IssueQueue.STORE)),
                new Dma(true, Space.VMEM, 32 * 4, 0xC00, 64, 8, 32, 8, Deps.NONE.withPop(IssueQueue.STORE, IssueQueue.COMPUTE)),
                new Dma(true, Space.VMEM, 16 * 4, 0xA00, 1, 16, 64, 16, Deps.NONE),
                new Dma(true, Space.ACT, 200 * 4, 0xA40, 1, 16, 32, 16, Deps.NONE),
                new Dma(true, Space.VMEM, 300 * 4, 0xA80, 1, 64, 256, 64, Deps.NONE)));
        try (SohuCoreHarness h = new SohuCoreHarness(SohuCore.Params.of(core), HbmConfig.hbm3(100))) {
            HbmImage image = image(new Random(7), 0x1400, 0x600);
            HbmImage golden = image.copy();
            SimResult g = new GoldenSimulator(core, true).run(p, golden);
            SohuCoreHarness.Run run = h.run(p, image, PROGRAM);
            for (long a = 0; a < image.size(); a++) {
                assertEquals(golden.read(a, 1), image.read(a, 1), "HBM byte 0x" + Long.toHexString(a));
            }
            long[][] rtlAndModel = {{run.start()[5], run.start()[6], run.start()[7], run.start()[10], run.start()[9]},
                                    {g.start()[5], g.start()[6], g.start()[7], g.start()[10], g.start()[9]}};
            long[][] retires = {{run.retire()[4], run.retire()[8]}, {g.end()[4], g.end()[8]}};
            for (int e = 0; e < 2; e++) {
                String who = e == 0 ? "RTL" : "model";
                long[] st = rtlAndModel[e];
                long[] rt = retires[e];
                assertTrue(st[0] < rt[0] && st[1] < rt[0], who + ": the VECTORs 4 and 5 start at " + st[0] + ", " + st[1]
                        + ", while the GEMM runs (retires at " + rt[0] + ")");
                assertTrue(st[2] >= rt[0], who + ": VECTOR 6 writes the GEMM's A, started at " + st[2] + " before its retire at "
                        + rt[0]);
                assertTrue(st[3] >= rt[1], who + ": the MOVE of C started at " + st[3] + " before the GEMM's retire at " + rt[1]);
                assertTrue(st[4] < rt[1], who + ": the MOVE of other words starts at " + st[4] + ", while the GEMM runs (retires at "
                        + rt[1] + ")");
            }
            assertEquals(g.start()[9] - g.start()[8], run.start()[9] - run.start()[8],
                    "the MOVE beside the GEMM: cycles from the GEMM's start to its own, the model's and the RTL's");
            System.out.printf("background GEMM on 4x4: VECTORs at %d, %d during the GEMM (retires %d); the A-writing VECTOR at %d; "
                    + "a MOVE beside the second GEMM at %d (it retires at %d); %d cycles (model %d)%n", run.start()[5],
                    run.start()[6], run.retire()[4], run.start()[7], run.start()[9], run.retire()[8], run.cycles(), g.cycles());
        }
    }

    /** The program's array counters: the engine's cycle model over its GEMMs, from their starts. */
    private static void checkArrayCounters(SohuCoreHarness.Run run, CoreConfig core, Program p) {
        assertEquals(ArrayCounterReplay.busy(p, core), run.counter("array_busy"), "array_busy");
        assertEquals(ArrayCounterReplay.cycles(p, core, run.start()), run.counter("array_cycles"), "array_cycles");
    }

    /** {@code C[m][n] = A[m][kt*tiles] · W[kt*tiles][n]}, one K tile per slot pair, two slots. */
    private static Program tiled(int m, int kt, int tiles, int n) {
        int k = kt * tiles;
        List<sohu.core.isa.Instruction> l = new java.util.ArrayList<>();
        Deps gemmDeps = new Deps(true, false, true, false);
        for (int t = 0; t < tiles; t++) {
            int slot = 32 * (t % 2);
            Deps waitSlot = t >= 2 ? Deps.NONE.withPop(IssueQueue.LOAD, IssueQueue.COMPUTE) : Deps.NONE;
            l.add(new Dma(false, Space.ACT, slot * 4, 2L * t * kt, m, kt, 2 * k, kt, waitSlot));
            l.add(new Dma(false, Space.WGT, slot * 4, 0x400 + 2L * t * kt * n, kt, n, 2 * n, n,
                    Deps.NONE.withPush(IssueQueue.LOAD, IssueQueue.COMPUTE)));
            boolean last = t == tiles - 1;
            l.add(new Gemm(new GemmCommand(m, kt, n, slot, kt / 4, slot, n / 4, 0, n / 4, t > 0),
                    last ? new Deps(true, false, true, true) : gemmDeps));
        }
        l.add(new Dma(true, Space.ACC, 0, 0x800, m, n, 4 * n, n, Deps.NONE.withPop(IssueQueue.STORE, IssueQueue.COMPUTE)));
        for (int t = Math.max(0, tiles - 2); t < tiles; t++) { // the slot-free tokens no later load took
            l.add(new sohu.core.isa.Sync(IssueQueue.LOAD, Deps.NONE.withPop(IssueQueue.LOAD, IssueQueue.COMPUTE)));
        }
        return new Program(l);
    }

    /** C = A·W, C += A2·W, then C to HBM; 4x8 activations, 8x8 weights, BF16, FP32 accumulators. */
    private static Program program() {
        Deps pushNext = Deps.NONE.withPush(IssueQueue.LOAD, IssueQueue.COMPUTE);
        Deps popPrev = Deps.NONE.withPop(IssueQueue.COMPUTE, IssueQueue.LOAD);
        return new Program(List.of(
                new Dma(false, Space.ACT, 0, A, 4, 8, 16, 8, Deps.NONE),
                new Dma(false, Space.WGT, 0, W, 8, 8, 16, 8, pushNext),
                new Gemm(new GemmCommand(4, 8, 8, 0, 2, 0, 2, 0, 2, false), popPrev),
                new Dma(false, Space.ACT, 32, A2, 4, 8, 16, 8, pushNext),
                new Gemm(new GemmCommand(4, 8, 8, 8, 2, 0, 2, 0, 2, true), new Deps(true, false, false, true)),
                new Dma(true, Space.ACC, 0, C, 4, 8, 32, 8, Deps.NONE.withPop(IssueQueue.STORE, IssueQueue.COMPUTE))));
    }

    /** Random finite BF16 values of moderate size for A, A2 and W. */
    private static HbmImage image(Random rnd) {
        return image(rnd, 0x500, C);
    }

    /** An image of {@code size} bytes, random finite BF16 values below {@code inputs}. */
    private static HbmImage image(Random rnd, long size, long inputs) {
        HbmImage img = new HbmImage(size);
        for (long a = 0; a < inputs; a += 2) {
            int bits = (rnd.nextInt(2) << 15) | ((120 + rnd.nextInt(14)) << 7) | rnd.nextInt(128);
            img.write(a, 2, bits);
        }
        return img;
    }
}
