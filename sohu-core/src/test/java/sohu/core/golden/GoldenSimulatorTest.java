package sohu.core.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sohu.core.array.GemmCommand;
import sohu.core.compile.CoreConfig;
import sohu.core.compile.HbmImage;
import sohu.core.fp.FpConvert;
import sohu.core.fp.FpFormat;
import sohu.core.isa.Deps;
import sohu.core.isa.Dma;
import sohu.core.isa.Gemm;
import sohu.core.isa.Instruction;
import sohu.core.isa.Move;
import sohu.core.isa.Program;
import sohu.core.isa.IssueQueue;
import sohu.core.isa.Scalar;
import sohu.core.isa.Space;
import sohu.core.isa.Sync;
import sohu.core.isa.Vector;
import sohu.core.xformer.Fp32;
import sohu.core.xformer.RmsNorm;
import sohu.core.xformer.RowReduce;
import sohu.core.xformer.VectorOp;

/** Hand-written programs on the simulator, checked against independent oracles and its error paths. */
class GoldenSimulatorTest {
    private static final Deps PUSH_NEXT = new Deps(false, false, false, true);
    private static final Deps POP_PREV = new Deps(true, false, false, false);
    private static final Deps POP_PREV_PUSH_NEXT = new Deps(true, false, false, true);

    private static Dma load(Space s, int sram, long hbm, int rows, int elems, int hbmStride, int sramStride, Deps d) {
        return new Dma(false, s, sram, hbm, rows, elems, hbmStride, sramStride, d);
    }

    @Test
    void aGemmThroughLoadComputeStoreEqualsAnFmaChain() {
        // 4x4 BF16 core, C[3][6] = A[3][5] · W[5][6]: K and N are not multiples of the array size
        CoreConfig core = CoreConfig.of(4, FpFormat.BF16);
        int m = 3;
        int k = 5;
        int n = 6;
        Random r = new Random(3);
        HbmImage img = new HbmImage(4096);
        float[][] a = new float[m][k];
        float[][] w = new float[k][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < k; j++) {
                int bits = FpConvert.narrow((float) r.nextGaussian(), FpFormat.BF16, sohu.core.fp.Saturation.NON_SATURATING);
                a[i][j] = FpConvert.widen(FpFormat.BF16, bits);
                img.write(2L * (i * k + j), 2, bits);
            }
        }
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < n; j++) {
                int bits = FpConvert.narrow((float) r.nextGaussian(), FpFormat.BF16, sohu.core.fp.Saturation.NON_SATURATING);
                w[i][j] = FpConvert.widen(FpFormat.BF16, bits);
                img.write(1024 + 2L * (i * n + j), 2, bits);
            }
        }
        int kt = 2; // ceil(5/4) words per A row
        int nt = 2; // ceil(6/4) words per W row and C row
        Program p = new Program(List.of(
                load(Space.ACT, 0, 0, m, k, 2 * k, kt * 4, Deps.NONE),
                load(Space.WGT, 0, 1024, k, n, 2 * n, nt * 4, PUSH_NEXT),
                new Gemm(new GemmCommand(m, k, n, 0, kt, 0, nt, 0, nt, false), POP_PREV),
                new Move(0, 0, m, nt, nt, nt, PUSH_NEXT),
                new Dma(true, Space.VMEM, 0, 2048, m, n, 4 * n, nt * 4, POP_PREV)));
        SimResult res = new GoldenSimulator(core, true).run(p, img);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = 0f;
                for (int kk = 0; kk < k; kk++) {
                    acc = Math.fma(a[i][kk], w[kk][j], acc);
                }
                assertEquals(Float.floatToRawIntBits(acc), img.read(2048 + 4L * (i * n + j), 4), "C[" + i + "][" + j + "]");
            }
        }
        assertTrue(res.cycles() >= res.end()[2], "the GEMM ends within the run");
        assertTrue(res.start()[2] >= res.end()[1], "the GEMM waits for the weights' token");
    }

    @Test
    void sumOfSquaresThenNormIsTheRmsNormGoldenModel() {
        CoreConfig core = CoreConfig.of(8, FpFormat.FP32);
        int len = 20;
        Random r = new Random(5);
        int[] x = new int[len];
        int[] g = new int[len];
        for (int i = 0; i < len; i++) {
            x[i] = Fp32.of(r.nextGaussian() * 3);
            g[i] = Fp32.of(1 + 0.1 * r.nextGaussian());
        }
        HbmImage img = new HbmImage(1024);
        img.writeInts(0, x);
        img.writeInts(128, g);
        int eps = Fp32.of(1e-5);
        Program p = new Program(List.of(
                load(Space.VMEM, 0, 0, 1, len, 0, 0, Deps.NONE),
                load(Space.VMEM, 8 * 3, 128, 1, len, 0, 0, PUSH_NEXT),
                Scalar.set(1, Fp32.ONE).withDeps(POP_PREV),
                Scalar.set(2, Fp32.of(1.0 / len)),
                Scalar.set(3, eps),
                Vector.of(VectorOp.MUL_SCALAR, 0, 0, 0, 0, len, false, 1, 0, 0).reducing(RowReduce.Kind.SUM_OF_SQUARES, 5),
                Vector.of(VectorOp.NORM, 0, 3, 0, 6, len, false, 5, 2, 3).withDeps(PUSH_NEXT),
                new Dma(true, Space.VMEM, 6 * 8, 512, 1, len, 0, 0, POP_PREV)));
        new GoldenSimulator(core, true).run(p, img);
        int[] want = RmsNorm.normalize(x, g, eps, 8);
        for (int i = 0; i < len; i++) {
            assertEquals(want[i], img.read(512 + 4L * i, 4), "element " + i);
        }
    }

    @Test
    void theCausalMaskKeepsElementsUpToDiag() {
        CoreConfig core = CoreConfig.of(4, FpFormat.FP32);
        HbmImage img = new HbmImage(256);
        int[] s = {Fp32.of(1), Fp32.of(2), Fp32.of(3), Fp32.of(-4), Fp32.of(5), Fp32.of(6)};
        img.writeInts(0, s);
        Program p = new Program(List.of(
                load(Space.VMEM, 0, 0, 1, 6, 0, 0, PUSH_NEXT),
                Scalar.set(1, Fp32.ONE).withDeps(POP_PREV),
                Vector.of(VectorOp.MUL_SCALAR, 0, 0, 0, 0, 6, false, 1, 0, 0).masked(3).reducing(RowReduce.Kind.MAX, 2),
                Scalar.op(sohu.core.isa.ScalarFn.MAX, 3, 2, 2, 0, 0).withDeps(PUSH_NEXT),
                new Dma(true, Space.VMEM, 0, 64, 1, 6, 0, 0, POP_PREV)));
        GoldenSimulator sim = new GoldenSimulator(core, false);
        sim.run(p, img);
        assertEquals(Fp32.of(3), sim.scalar(3), "max over elements 0..3 (5 and 6 are masked)");
        assertEquals(Fp32.NEG_INF, img.read(64 + 4 * 4, 4));
        assertEquals(Fp32.of(-4), img.read(64 + 3 * 4, 4));
    }

    private static String failure(boolean races, Instruction... ins) {
        CoreConfig core = CoreConfig.of(4, FpFormat.FP32);
        return assertThrows(IllegalStateException.class,
                () -> new GoldenSimulator(core, races).run(new Program(List.of(ins)), new HbmImage(1024))).getMessage();
    }

    @Test
    void aPopNobodyPushesIsADeadlockErrorNamingTheInstruction() {
        String m = failure(false, new Sync(IssueQueue.LOAD, Deps.NONE), new Sync(IssueQueue.COMPUTE, POP_PREV));
        assertTrue(m.startsWith("deadlock"), m);
        assertTrue(m.contains("instruction 1 (SYNC   compute ; pop load) in the compute queue waits for a load -> compute token"), m);
    }

    @Test
    void aTokenNobodyPopsIsAnError() {
        String m = failure(false, new Sync(IssueQueue.LOAD, PUSH_NEXT));
        assertEquals("unbalanced tokens: 1 load -> compute token(s) pushed and never popped by the end of the program", m);
    }

    @Test
    void anUnorderedConflictIsARace() {
        String m = failure(true, load(Space.VMEM, 0, 0, 1, 4, 0, 0, Deps.NONE),
                Vector.of(VectorOp.MUL_SCALAR, 0, 0, 0, 1, 4, false, 0, 0, 0));
        assertTrue(m.startsWith("race: instruction 1"), m);
        assertTrue(m.contains("reads vmem element 0, which instruction 0"), m);
    }

    @Test
    void outOfRangeAccessesAreErrors() {
        String m = failure(false, load(Space.ACT, 4 * 1024 - 2, 0, 1, 4, 0, 0, Deps.NONE));
        assertTrue(m.contains("instruction 0 writes act elements 4094..4097, beyond its 4096 elements"), m);
    }

    @Test
    void aTokenChainOrdersStoreAfterLoad() {
        SimResult r = new GoldenSimulator(CoreConfig.of(4, FpFormat.FP32), true).run(new Program(List.of(
                load(Space.VMEM, 0, 0, 1, 4, 0, 0, PUSH_NEXT),
                new Sync(IssueQueue.COMPUTE, POP_PREV_PUSH_NEXT),
                new Dma(true, Space.VMEM, 0, 64, 1, 4, 0, 0, POP_PREV))), new HbmImage(1024));
        assertTrue(r.start()[2] >= r.end()[1] && r.start()[1] >= r.end()[0]);
        assertEquals(1, r.maxTokens());
    }
}
