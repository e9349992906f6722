package sohu.verify.soc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sohu.core.array.GemmCommand;
import sohu.core.compile.CoreConfig;
import sohu.core.compile.HbmImage;
import sohu.core.fp.FpFormat;
import sohu.core.golden.GoldenSimulator;
import sohu.core.isa.Deps;
import sohu.core.isa.Dma;
import sohu.core.isa.Gemm;
import sohu.core.isa.Program;
import sohu.core.isa.Queue;
import sohu.core.isa.Space;
import sohu.core.soc.SequencerConfig;

/**
 * The first SohuCore milestone in Verilator: LOAD, GEMM, GEMM accumulating, STORE through the
 * sequencer, the matrix engine and a DMA played by the test; the whole HBM image afterwards
 * equals the golden simulator's bit for bit.
 */
class SohuCoreSimTest {
    private static final long A = 0x000;
    private static final long A2 = 0x100;
    private static final long W = 0x200;
    private static final long C = 0x400;

    @Test
    void loadGemmAccumulateStoreEqualsTheGoldenSimulatorBitForBit() {
        CoreConfig core = CoreConfig.of(4, FpFormat.BF16);
        Program p = program();
        try (SohuCoreHarness h = new SohuCoreHarness(core, SequencerConfig.defaults(), 12, 7)) {
            for (long seed = 1; seed <= 3; seed++) {
                HbmImage image = image(new Random(seed));
                HbmImage golden = image.copy();
                new GoldenSimulator(core, true).run(p, golden); // race checking on: the program is well formed
                long cycles = h.run(p, image);
                int nonZero = 0;
                for (long a = 0; a < image.size(); a++) {
                    assertEquals(golden.read(a, 1), image.read(a, 1), "HBM byte 0x" + Long.toHexString(a) + ", seed " + seed);
                    nonZero += a >= C && golden.read(a, 1) != 0 ? 1 : 0;
                }
                assertTrue(nonZero > 64, "the stored C is mostly zero: " + nonZero + " bytes");
                assertEquals(4L * seed, h.descriptors(), "descriptors served so far");
                System.out.printf("SohuCore 4x4 BF16, seed %d: %d cycles, C (4x8 FP32) equal to the golden simulator%n",
                        seed, cycles);
            }
        }
    }

    /** C = A·W, C += A2·W, then C to HBM; 4x8 activations, 8x8 weights, BF16, FP32 accumulators. */
    private static Program program() {
        Deps pushNext = Deps.NONE.withPush(Queue.LOAD, Queue.COMPUTE);
        Deps popPrev = Deps.NONE.withPop(Queue.COMPUTE, Queue.LOAD);
        return new Program(List.of(
                new Dma(false, Space.ACT, 0, A, 4, 8, 16, 8, Deps.NONE),
                new Dma(false, Space.WGT, 0, W, 8, 8, 16, 8, pushNext),
                new Gemm(new GemmCommand(4, 8, 8, 0, 2, 0, 2, 0, 2, false), popPrev),
                new Dma(false, Space.ACT, 32, A2, 4, 8, 16, 8, pushNext),
                new Gemm(new GemmCommand(4, 8, 8, 8, 2, 0, 2, 0, 2, true), new Deps(true, false, false, true)),
                new Dma(true, Space.ACC, 0, C, 4, 8, 32, 8, Deps.NONE.withPop(Queue.STORE, Queue.COMPUTE))));
    }

    /** Random finite BF16 values of moderate size for A, A2 and W. */
    private static HbmImage image(Random rnd) {
        HbmImage img = new HbmImage(0x500);
        for (long a = 0; a < C; a += 2) {
            int bits = (rnd.nextInt(2) << 15) | ((120 + rnd.nextInt(14)) << 7) | rnd.nextInt(128);
            img.write(a, 2, bits);
        }
        return img;
    }
}
