package sohu.verify.xformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sohu.core.fp.FpFormat;
import sohu.core.xformer.CausalMask;
import sohu.core.xformer.Fp32;
import sohu.core.xformer.RmsNorm;
import sohu.core.xformer.Rope;
import sohu.core.xformer.RowConvert;
import sohu.core.xformer.RowReduce;
import sohu.core.xformer.Softmax;
import sohu.core.xformer.VectorConfig;
import sohu.core.xformer.VectorOp;
import sohu.core.xformer.rtl.VectorUnit;

/**
 * The whole vector unit (2 lanes, 4 with {@code -Dsohu.long=true}; BF16 activations) in Verilator against the golden models, bit
 * for bit: every opcode on rows longer than L and not a multiple of it, mixing random values and
 * the edge cases of {@link LaneInputs#edges()}; the three reductions; softmax rows (three
 * instructions, with and without the causal mask, and entirely masked); RMSNorm (two
 * instructions); RoPE (four instructions per head); conversion to the activation format.
 */
class VectorUnitSimTest {
    private static final int LANES = Boolean.getBoolean("sohu.long") ? 4 : 2;
    private static final int KEY0 = 8;
    private static VectorUnitDriver unit;
    private final SplittableRandom rnd = new SplittableRandom(21);

    @BeforeAll
    static void open() {
        unit = new VectorUnitDriver(new VectorUnit.Params(new VectorConfig(LANES, FpFormat.BF16), 64));
    }

    @AfterAll
    static void close() {
        unit.close();
    }

    private int[] row(int n, double span) {
        List<Integer> edges = LaneInputs.edges();
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = rnd.nextInt(4) == 0 ? edges.get(rnd.nextInt(edges.size())) : Fp32.of(rnd.nextDouble(-span, span));
        }
        return r;
    }

    @Test
    void everyOpcodeOnRowsLongerThanTheLanes() {
        for (VectorOp op : VectorOp.values()) {
            for (int length : new int[] {1, 13, 16}) {
                int[] a = row(length, 30);
                int[] b = row(length, 4);
                int[] c = row(length, 4);
                int s = Fp32.of(rnd.nextDouble(-3, 3));
                int s2 = Fp32.of(rnd.nextDouble(0, 1));
                int s3 = Fp32.of(1e-5);
                unit.load(0, a);
                unit.load(8, b);
                unit.load(24, c);
                unit.withC(24).run(VectorUnitDriver.Instr.of(op, 0, 8, 16, length).scalars(s, s2, s3));
                int[] got = unit.fp32Row(16, length);
                for (int i = 0; i < length; i++) {
                    int want = op.apply(a[i], b[i], c[i], s, s2, s3, false);
                    assertEquals(want, got[i], String.format("%s length %d element %d: a=0x%08X b=0x%08X", op, length,
                            i, a[i], b[i]));
                }
            }
        }
    }

    @Test
    void reductions() {
        for (int length : new int[] {3, 13, 29}) {
            int[] a = row(length, 100);
            a[rnd.nextInt(length)] = Fp32.of(-0.0);
            unit.load(0, a);
            int one = Fp32.ONE;
            int kind = 1;
            for (RowReduce.Kind k : RowReduce.Kind.values()) {
                unit.run(VectorUnitDriver.Instr.of(VectorOp.MUL_SCALAR, 0, 0, 32, length).scalars(one, 0, 0)
                        .reducing(kind++));
                assertEquals(RowReduce.reduce(k, copy(a), LANES), unit.reduction(), k + " of " + length);
            }
        }
    }

    @Test
    void softmaxRowsMaskedAndNot() {
        for (int length : new int[] {13, 32}) {
            // Keys from position 8: query 5 masks the whole row, 40 masks nothing (and runs unmasked).
            for (int query : new int[] {5, 8, 14, 40}) {
                int[] scores = row(length, 8);
                for (int i = 0; i < length; i++) {
                    if (Fp32.isNaN(scores[i]) || (scores[i] & 0x7F800000) == 0x7F800000) {
                        scores[i] = Fp32.of(rnd.nextDouble(-8, 8)); // an attention score is finite
                    }
                }
                boolean masking = query != 40;
                boolean[] mask = masking ? CausalMask.row(query, KEY0, length) : new boolean[length];
                unit.load(0, scores);
                VectorUnitDriver.Instr max = VectorUnitDriver.Instr.of(VectorOp.MUL_SCALAR, 0, 0, 32, length)
                        .scalars(Fp32.ONE, 0, 0).reducing(1);
                unit.run(masking ? max.causal(query, KEY0) : max);
                int m = unit.reduction();
                VectorUnitDriver.Instr exp = VectorUnitDriver.Instr.of(VectorOp.EXP_SUB, 0, 0, 16, length)
                        .scalars(m, 0, 0).reducing(2);
                unit.run(masking ? exp.causal(query, KEY0) : exp);
                int l = unit.reduction();
                unit.run(VectorUnitDriver.Instr.of(VectorOp.MUL_RECIP, 16, 0, 24, length).scalars(l, 0, 0).toActivations());
                int[] want = RowConvert.row(Softmax.row(scores, mask, LANES), FpFormat.BF16);
                int[] got = unit.activationRow(24, length);
                for (int i = 0; i < length; i++) {
                    assertEquals(want[i], got[i] & 0xFFFF, "softmax length " + length + " query " + query + " element " + i);
                }
            }
        }
    }

    @Test
    void rmsNorm() {
        for (int length : new int[] {13, 24}) {
            int[] x = row(length, 3);
            int[] g = row(length, 2);
            int eps = Fp32.of(1e-5);
            unit.load(0, x);
            unit.load(16, g);
            unit.run(VectorUnitDriver.Instr.of(VectorOp.MUL_SCALAR, 0, 0, 32, length).scalars(Fp32.ONE, 0, 0).reducing(3));
            int ss = unit.reduction();
            long cycles = unit.run(VectorUnitDriver.Instr.of(VectorOp.NORM, 0, 16, 48, length)
                    .scalars(ss, Fp32.of(1.0 / length), eps));
            int words = (length + LANES - 1) / LANES;
            assertEquals(1 + words + VectorUnit.drainCycles(LANES), cycles); // accept, issue, drain
            int[] want = RmsNorm.normalize(x, g, eps, LANES);
            int[] got = unit.fp32Row(48, length);
            for (int i = 0; i < length; i++) {
                assertEquals(want[i], got[i], "rmsnorm length " + length + " element " + i);
            }
        }
    }

    @Test
    void ropeInFourInstructionsPerHead() {
        int d = 4 * LANES;
        int half = d / 2;
        int halfWords = half / LANES;
        int[] x = row(2 * d, 4);
        Rope.Tables t = Rope.tables(777, d, 500000.0);
        unit.load(0, x);
        unit.load(8, t.cos());
        unit.load(10, t.sin());
        int[] got = new int[x.length];
        for (int h = 0; h < 2; h++) {
            int lo = h * 2 * halfWords;
            int hi = lo + halfWords;
            unit.run(VectorUnitDriver.Instr.of(VectorOp.MUL_ROW, hi, 10, 12, half));
            unit.withC(12).run(VectorUnitDriver.Instr.of(VectorOp.FMS_ROW, lo, 8, 16 + lo, half));
            System.arraycopy(unit.fp32Row(16 + lo, half), 0, got, h * d, half);
            unit.run(VectorUnitDriver.Instr.of(VectorOp.MUL_ROW, lo, 10, 14, half));
            unit.withC(14).run(VectorUnitDriver.Instr.of(VectorOp.FMA_ROW, hi, 8, 16 + hi, half));
            System.arraycopy(unit.fp32Row(16 + hi, half), 0, got, h * d + half, half);
        }
        int[] want = Rope.rotate(x, d, t);
        for (int i = 0; i < x.length; i++) {
            assertEquals(want[i], got[i], "RoPE element " + i);
        }
    }

    @Test
    void countersCountIssuedWords() {
        long before = unit.sim.peek("cnt_nonlinear");
        unit.load(0, row(13, 5));
        unit.run(VectorUnitDriver.Instr.of(VectorOp.SILU, 0, 0, 16, 13));
        assertEquals(before + (13 + LANES - 1) / LANES, unit.sim.peek("cnt_nonlinear"));
        assertTrue(unit.sim.peek("cnt_elementwise") >= 0);
    }

    /** The row as the copy pass leaves it (x · 1: NaNs canonical). */
    private static int[] copy(int[] a) {
        int[] r = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = Fp32.mul(a[i], Fp32.ONE);
        }
        return r;
    }
}
