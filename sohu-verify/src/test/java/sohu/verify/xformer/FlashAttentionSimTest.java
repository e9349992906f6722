package sohu.verify.xformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sohu.core.fp.FpFormat;
import sohu.core.xformer.CausalMask;
import sohu.core.xformer.Elementwise;
import sohu.core.xformer.Fp32;
import sohu.core.xformer.OnlineSoftmax;
import sohu.core.xformer.VectorConfig;
import sohu.core.xformer.VectorOp;
import sohu.core.xformer.rtl.VectorUnit;

/**
 * FlashAttention's online softmax run as instruction sequences on the vector unit (2 lanes) in
 * Verilator, over several key tiles of 13 scores (longer than L, not a multiple of it) with the
 * causal mask from positions. Every intermediate (tile max, running max, rescale factor,
 * probabilities, running sum, rescaled output) and the final division must equal the golden
 * {@link OnlineSoftmax} bit for bit; the result must be within a bound of the double-precision
 * softmax-weighted sum of the value rows.
 *
 * <p>The product P·V belongs to the matrix array: the test forms it with FP32 FMAs in Java and
 * adds it to the running output with an {@code ADD_ROW} on the unit.
 */
class FlashAttentionSimTest {
    private static final int LANES = 2;
    private static final int KEYS = 45;
    private static final int TILE = 13;
    private static final int HEAD = 5;
    // word addresses in the unit's memory
    private static final int SCORES = 0;
    private static final int PROBS = 8;
    private static final int OUT = 16;
    private static final int PV = 20;
    private static final int MAX = 24;
    private static final int SUM = 25;
    private static final int PAIR = 26;
    private static final int COPY = 32;
    private static final int FACTOR = 40;
    private static final int NEW_SUM = 41;
    private static final int PAIR_COPY = 42;
    private static final int RESULT = 48;
    private static VectorUnitDriver unit;

    @BeforeAll
    static void open() {
        unit = new VectorUnitDriver(new VectorUnit.Params(new VectorConfig(LANES, FpFormat.BF16), VectorChecks.DEPTH));
    }

    @AfterAll
    static void close() {
        unit.close();
    }

    @Test
    void onlineSoftmaxOverKeyTilesMatchesGoldenAndDouble() {
        SplittableRandom rnd = new SplittableRandom(11);
        // Query 0 and 17 leave later tiles entirely masked; 44 and 1000 mask nothing in the last tile.
        for (int query : new int[] {0, 17, 30, 44, 1000}) {
            int[] scores = new int[KEYS];
            int[][] v = new int[KEYS][HEAD];
            for (int i = 0; i < KEYS; i++) {
                scores[i] = Fp32.of(rnd.nextDouble(-8, 8));
                for (int j = 0; j < HEAD; j++) {
                    v[i][j] = Fp32.of(rnd.nextDouble(-2, 2));
                }
            }
            int[] got = attend(query, scores, v);
            double worst = 0;
            double[] exact = exact(query, scores, v);
            double[] scale = magnitude(query, scores, v);
            for (int j = 0; j < HEAD; j++) {
                double err = Math.abs(Fp32.value(got[j]) - exact[j]) / scale[j];
                worst = Math.max(worst, err);
            }
            // ~4 roundings per key plus exp's 2 ULP and a rescale per tile: far below 1e-5.
            assertTrue(worst < 1e-5, "query " + query + ": error " + worst + " of sum |w v|");
        }
    }

    /** Runs the sequence for one query row, checking every step against the golden model. */
    private static int[] attend(int query, int[] scores, int[][] v) {
        int[] o = new int[HEAD];
        unit.load(OUT, o);
        int m = Fp32.NEG_INF;
        int l = 0;
        OnlineSoftmax g = OnlineSoftmax.start();
        int[] og = new int[HEAD];
        for (int k0 = 0; k0 < KEYS; k0 += TILE) {
            int n = Math.min(TILE, KEYS - k0);
            int[] tile = java.util.Arrays.copyOfRange(scores, k0, k0 + n);
            String where = "query " + query + " keys from " + k0;
            OnlineSoftmax.Step want = g.step(tile, CausalMask.row(query, k0, n), LANES);

            unit.load(SCORES, tile);
            unit.run(copy(SCORES, COPY, n).reducing(1).causal(query, k0));
            int tileMax = unit.reduction();
            unit.load(PAIR, new int[] {m, tileMax});
            unit.run(copy(PAIR, PAIR_COPY, 2).reducing(1));
            int newMax = unit.reduction();
            assertEquals(want.next().max(), newMax, where + ": running max");

            unit.load(MAX, new int[] {m});
            unit.run(VectorUnitDriver.Instr.of(VectorOp.EXP_SUB, MAX, 0, FACTOR, 1).scalars(newMax, 0, 0));
            int c = unit.fp32Row(FACTOR, 1)[0];
            assertEquals(want.rescale(), c, where + ": rescale factor exp(m_old - m_new)");

            unit.run(VectorUnitDriver.Instr.of(VectorOp.EXP_SUB, SCORES, 0, PROBS, n).scalars(newMax, 0, 0)
                    .reducing(2).causal(query, k0));
            int[] p = unit.fp32Row(PROBS, n);
            assertArrayEquals(want.probabilities(), p, where + ": probabilities");
            int tileSum = unit.reduction();

            unit.load(SUM, new int[] {l});
            unit.run(VectorUnitDriver.Instr.of(VectorOp.FMA_SCALAR, SUM, 0, NEW_SUM, 1).scalars(c, tileSum, 0));
            int newSum = unit.fp32Row(NEW_SUM, 1)[0];
            assertEquals(want.next().sum(), newSum, where + ": running sum l*c + sum p");

            unit.run(VectorUnitDriver.Instr.of(VectorOp.MUL_SCALAR, OUT, 0, OUT, HEAD).scalars(c, 0, 0));
            unit.load(PV, product(p, v, k0));
            unit.run(VectorUnitDriver.Instr.of(VectorOp.ADD_ROW, OUT, PV, OUT, HEAD));
            o = unit.fp32Row(OUT, HEAD);
            og = Elementwise.rows(Elementwise.Op.ADD, OnlineSoftmax.rescale(og, want.rescale()),
                    product(want.probabilities(), v, k0));
            assertArrayEquals(og, o, where + ": running output");

            m = newMax;
            l = newSum;
            g = want.next();
        }
        unit.run(VectorUnitDriver.Instr.of(VectorOp.MUL_RECIP, OUT, 0, RESULT, HEAD).scalars(l, 0, 0));
        int[] result = unit.fp32Row(RESULT, HEAD);
        assertArrayEquals(g.finish(og), result, "query " + query + ": o / l");
        return result;
    }

    private static VectorUnitDriver.Instr copy(int src, int dst, int n) {
        return VectorUnitDriver.Instr.of(VectorOp.MUL_SCALAR, src, 0, dst, n).scalars(Fp32.ONE, 0, 0);
    }

    /** The array's share: P·V of one tile, FP32 FMAs in key order. */
    private static int[] product(int[] p, int[][] v, int k0) {
        int[] out = new int[HEAD];
        for (int j = 0; j < HEAD; j++) {
            int acc = 0;
            for (int i = 0; i < p.length; i++) {
                acc = Fp32.fma(p[i], v[k0 + i][j], acc);
            }
            out[j] = acc;
        }
        return out;
    }

    /** Softmax weights of the visible keys in double precision. */
    private static double[] weights(int query, int[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < scores.length; i++) {
            if (!CausalMask.masked(query, i)) {
                max = Math.max(max, Fp32.value(scores[i]));
            }
        }
        double[] w = new double[scores.length];
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            w[i] = CausalMask.masked(query, i) ? 0 : StrictMath.exp(Fp32.value(scores[i]) - max);
            sum += w[i];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        return w;
    }

    private static double[] exact(int query, int[] scores, int[][] v) {
        double[] w = weights(query, scores);
        double[] o = new double[HEAD];
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < HEAD; j++) {
                o[j] += w[i] * Fp32.value(v[i][j]);
            }
        }
        return o;
    }

    /** {@code Σ w_i |v_ij|}: the scale against which cancellation in the weighted sum is judged. */
    private static double[] magnitude(int query, int[] scores, int[][] v) {
        double[] w = weights(query, scores);
        double[] s = new double[HEAD];
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < HEAD; j++) {
                s[j] += w[i] * Math.abs(Fp32.value(v[i][j]));
            }
        }
        return s;
    }
}
