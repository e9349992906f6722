package sohu.core.xformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import sohu.core.fp.FpFormat;

/** The row golden models against independent oracles (Java float arithmetic, double formulas). */
class RowOpsTest {
    private static final SplittableRandom RND = new SplittableRandom(5);

    private static int[] randomRow(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = Fp32.of(RND.nextDouble(-8, 8));
        }
        return r;
    }

    @Test
    void elementwiseIsIeeeFloatArithmetic() {
        int[] a = randomRow(37);
        int[] b = randomRow(37);
        int[] sum = Elementwise.rows(Elementwise.Op.ADD, a, b);
        int[] prod = Elementwise.scalar(Elementwise.Op.MUL, a, b[0]);
        for (int i = 0; i < a.length; i++) {
            assertEquals((float) Fp32.value(a[i]) + (float) Fp32.value(b[i]), Fp32.value(sum[i]));
            assertEquals((float) Fp32.value(a[i]) * (float) Fp32.value(b[0]), Fp32.value(prod[i]));
        }
        assertEquals(Fp32.NEG_ZERO, Elementwise.Op.MUL.apply(Fp32.NEG_ZERO, Fp32.ONE));
    }

    @Test
    void reductionsFollowTheLaneOrder() {
        int[] row = randomRow(100);
        int lanes = 8;
        float[] acc = new float[lanes];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < row.length; i++) {
            acc[i % lanes] += (float) Fp32.value(row[i]);
            max = Math.max(max, Fp32.value(row[i]));
        }
        for (int w = lanes; w > 1; w /= 2) {
            for (int i = 0; i < w / 2; i++) {
                acc[i] = acc[2 * i] + acc[2 * i + 1];
            }
        }
        assertEquals(acc[0], Fp32.value(RowReduce.reduce(RowReduce.Kind.SUM, row, lanes)));
        assertEquals(max, Fp32.value(RowReduce.reduce(RowReduce.Kind.MAX, row, lanes)));
        int[] small = {Fp32.of(3), Fp32.of(-4), Fp32.of(5)};
        assertEquals(50.0, Fp32.value(RowReduce.reduce(RowReduce.Kind.SUM_OF_SQUARES, small, 4)));
        assertEquals(Fp32.NEG_ZERO, RowReduce.reduce(RowReduce.Kind.SUM, new int[] {Fp32.NEG_ZERO}, 4));
        assertEquals(Fp32.NAN, RowReduce.reduce(RowReduce.Kind.MAX, new int[] {Fp32.ONE, Fp32.NAN}, 4));
    }

    @Test
    void onlineSoftmaxOverTilesMatchesTheWholeRowAndMasks() {
        int[] s = randomRow(96);
        long query = 70; // keys 71..95 masked
        boolean[] mask = CausalMask.row(query, 0, s.length);
        OnlineSoftmax st = OnlineSoftmax.start();
        int[] out = new int[s.length];
        for (int t = 0; t < s.length; t += 32) {
            int[] tile = java.util.Arrays.copyOfRange(s, t, t + 32);
            boolean[] tm = java.util.Arrays.copyOfRange(mask, t, t + 32);
            OnlineSoftmax.Step step = st.step(tile, tm, 8);
            out = OnlineSoftmax.rescale(out, step.rescale());
            System.arraycopy(step.probabilities(), 0, out, t, 32);
            st = step.next();
        }
        int[] y = st.finish(out);
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i <= query; i++) {
            m = Math.max(m, Fp32.value(s[i]));
        }
        double sum = 0;
        for (int i = 0; i <= query; i++) {
            sum += StrictMath.exp(Fp32.value(s[i]) - m);
        }
        for (int i = 0; i < s.length; i++) {
            double ref = i <= query ? StrictMath.exp(Fp32.value(s[i]) - m) / sum : 0;
            assertEquals(ref, Fp32.value(y[i]), 4e-6 * ref, "element " + i);
        }
        assertArrayEquals(new int[4], Softmax.row(randomRow(4), new boolean[] {true, true, true, true}, 4));
    }

    @Test
    void ropeMatchesTheRotationInDouble() {
        int d = 64;
        int[] x = randomRow(2 * d);
        Rope.Tables t = Rope.tables(1234, d, 500000.0);
        int[] y = Rope.rotate(x, d, t);
        for (int h = 0; h < 2 * d; h += d) {
            for (int i = 0; i < d / 2; i++) {
                double angle = 1234 / StrictMath.pow(500000.0, 2.0 * i / d);
                double lo = Fp32.value(x[h + i]);
                double hi = Fp32.value(x[h + i + d / 2]);
                // FP32 tables of an FP32 angle: compare with a tolerance of the angle's rounding.
                double tol = 1e-6 * Math.max(1, angle) * (Math.abs(lo) + Math.abs(hi));
                assertEquals(lo * StrictMath.cos(angle) - hi * StrictMath.sin(angle), Fp32.value(y[h + i]), tol);
                assertEquals(hi * StrictMath.cos(angle) + lo * StrictMath.sin(angle), Fp32.value(y[h + i + d / 2]), tol);
            }
        }
    }

    @Test
    void conversionIsCorrectlyRoundedAndSaturatesFp8() {
        for (int i = 0; i < 10000; i++) {
            int x = RND.nextInt();
            if (!Fp32.isNaN(x)) {
                assertEquals(Accuracy.bf16Nearest(Fp32.value(x)), RowConvert.convert(x, FpFormat.BF16));
            }
        }
        assertEquals(0x7E, RowConvert.convert(Fp32.POS_INF, FpFormat.E4M3)); // 448, not NaN
        assertEquals(0x7B, RowConvert.convert(Fp32.of(1e6), FpFormat.E5M2)); // 57344
        assertEquals(0x7C00, RowConvert.convert(Fp32.of(1e6), FpFormat.FP16)); // IEEE infinity
        assertTrue(RowConvert.convert(Fp32.NAN, FpFormat.E4M3) == 0x7F);
    }
}
