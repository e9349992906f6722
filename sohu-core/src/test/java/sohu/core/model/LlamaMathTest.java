package sohu.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.apache.commons.math3.analysis.function.Sigmoid;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.util.FastMath;
import org.junit.jupiter.api.Test;

/** The reference's building blocks against formulas written independently (StrictMath, Commons Math). */
class LlamaMathTest {
    private static final double TOL = 1e-12;

    /** Hugging Face's apply_rotary_pos_emb spelled out: x·cat(cos, cos) + rotate_half(x)·cat(sin, sin). */
    private static double[] hfRope(double[] x, int pos, double theta) {
        int d = x.length;
        int half = d / 2;
        double[] cos = new double[d];
        double[] sin = new double[d];
        for (int i = 0; i < half; i++) {
            double invFreq = 1.0 / StrictMath.pow(theta, (double) (2 * i) / d); // arange(0, d, 2) / d
            cos[i] = cos[i + half] = StrictMath.cos(pos * invFreq);
            sin[i] = sin[i + half] = StrictMath.sin(pos * invFreq);
        }
        double[] rotateHalf = new double[d]; // cat(-x[half:], x[:half])
        for (int i = 0; i < half; i++) {
            rotateHalf[i] = -x[i + half];
            rotateHalf[i + half] = x[i];
        }
        double[] out = new double[d];
        for (int i = 0; i < d; i++) {
            out[i] = x[i] * cos[i] + rotateHalf[i] * sin[i];
        }
        return out;
    }

    @Test
    void ropeIsHuggingFacesRotateHalf() {
        Random r = new Random(5);
        for (int pos : new int[] {0, 1, 7, 100, 4095}) {
            for (double theta : new double[] {10000, 500000}) {
                double[] x = r.doubles(2 + 16 + 2).toArray(); // one head of 16 inside a longer row
                double[] head = java.util.Arrays.copyOfRange(x, 2, 18);
                LlamaMath.rope(x, 2, 16, pos, theta);
                double[] want = hfRope(head, pos, theta);
                for (int i = 0; i < 16; i++) {
                    assertEquals(want[i], x[2 + i], TOL, "pos " + pos + " theta " + theta + " element " + i);
                }
            }
        }
    }

    @Test
    void ropeScoresDependOnlyOnTheDistance() {
        Random r = new Random(6);
        double[] q = r.doubles(8).toArray();
        double[] k = r.doubles(8).toArray();
        double base = dot(rotated(q, 9), rotated(k, 4));
        for (int shift : new int[] {1, 50, 1000}) {
            assertEquals(base, dot(rotated(q, 9 + shift), rotated(k, 4 + shift)), 1e-11);
        }
    }

    private static double[] rotated(double[] x, int pos) {
        double[] y = x.clone();
        LlamaMath.rope(y, 0, y.length, pos, 10000);
        return y;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void softmaxMatchesCommonsMathAndSurvivesLargeScores() {
        double[] s = {0.5, -1.25, 3.0, 0.0, 2.5};
        double[] e = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            e[i] = FastMath.exp(s[i]);
        }
        double sum = StatUtils.sum(e);
        double[] p = LlamaMath.softmax(s);
        for (int i = 0; i < s.length; i++) {
            assertEquals(e[i] / sum, p[i], TOL);
        }
        double[] big = LlamaMath.softmax(new double[] {1000, 1000 + FastMath.log(3)});
        assertEquals(0.25, big[0], TOL);
        assertEquals(0.75, big[1], TOL);
    }

    @Test
    void rmsNormAndSiluMatchCommonsMath() {
        double[] x = {0.3, -2.0, 1.5, 4.0};
        float[] w = {1f, 0.5f, -1f, 2f};
        double eps = 1e-5;
        double inv = 1 / FastMath.sqrt(StatUtils.sumSq(x) / x.length + eps);
        double[] y = LlamaMath.rmsNorm(x, new Tensor(new int[] {4}, w), eps);
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i] * inv * w[i], y[i], TOL);
        }
        Sigmoid sigmoid = new Sigmoid();
        for (double v : new double[] {-30, -1, 0, 0.5, 3, 40}) {
            assertEquals(v * sigmoid.value(v), LlamaMath.silu(v), TOL);
        }
    }

    @Test
    void linearIsRowsTimesTheVectorAndArgmaxTakesTheFirstMaximum() {
        Tensor w = new Tensor(new int[] {2, 3}, new float[] {1, 2, 3, -1, 0, 0.5f});
        double[] y = LlamaMath.linear(w, new double[] {1, 1, 2});
        assertEquals(9, y[0], 0);
        assertEquals(0, y[1], 0);
        assertEquals(1, LlamaMath.argmax(new double[] {0, 5, 5, -1}));
    }
}
