package sohu.core.array;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Random;
import org.apache.commons.math3.linear.BlockRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import sohu.core.fp.FpConvert;
import sohu.core.fp.FpFormat;
import sohu.core.fp.Saturation;

/**
 * Error of the engine's arithmetic (the golden model, which the RTL matches bit for bit) against
 * the product computed in double precision by Commons Math ({@link BlockRealMatrix#multiply}), for
 * random matrices of each format.
 *
 * <p>The inputs are exact in their format and every product {@code a·w} is exact inside the FMA,
 * so the only error is one FP32 rounding per addition: a recursive sum of K exact terms. The
 * classical bound is {@code |c - exact| ≤ γ(K)·Σ|a_k·w_k|}, {@code γ(K) = K·u / (1 - K·u)},
 * {@code u = 2^-24}; the double reference is off by at most {@code K·2^-53·Σ|a·w|}, negligible.
 *
 * <p>Measured (seed 20; elements N(0,1) rounded into the format; 64×64 outputs; K = 64 and 512),
 * in units of u: the largest error relative to {@code Σ|a·w|} is 1.4–1.8 (BF16), 3.2–3.3 (FP16),
 * 0–0.2 (E4M3), 0.3–0.4 (E5M2), and does not grow with K. The worst case grows like K, but each
 * rounding error is at most u times the partial sum, which random signs keep near √k while
 * {@code Σ|a·w|} grows like K, so the normwise error stays O(u). The 8-bit formats' products have
 * at most 8 significant bits, so their partial sums mostly fit FP32 exactly (E4M3 at K = 64 has
 * no rounding error at all). FP16 is worst: its products carry 22 significant bits. The plain
 * relative error {@code |c - exact|/|exact|}, over the outputs with {@code |exact| ≥ 0.1·Σ|a·w|}
 * (it is unbounded where a sum cancels), is at most 19 u, mean at most 4.6 u (FP16, K = 512).
 *
 * <p>The test asserts the proven bound and, as regression guards with some margin over the
 * measurements, max normwise ≤ 4 u, mean normwise ≤ 0.5 u, max relative ≤ 40 u, mean relative ≤ 8 u.
 */
class GemmAccuracyTest {
    private static final double U = Math.scalb(1.0, -24);

    /** Error statistics of one format and K. */
    record Stats(FpFormat format, int k, double maxNormwise, double meanNormwise, double maxRelative,
                 double meanRelative, int relativeCount) { }

    static Stats measure(FpFormat f, int m, int k, int n, long seed) {
        Random rnd = new Random(seed);
        int[][] a = random(rnd, f, m, k);
        int[][] w = random(rnd, f, k, n);
        int[][] c = GemmGolden.gemm(f, 8, a, w, null);
        RealMatrix da = new BlockRealMatrix(decode(f, a));
        RealMatrix dw = new BlockRealMatrix(decode(f, w));
        RealMatrix exact = da.multiply(dw);
        RealMatrix magnitude = abs(da).multiply(abs(dw));
        double maxN = 0;
        double sumN = 0;
        double maxR = 0;
        double sumR = 0;
        int countR = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double got = Float.intBitsToFloat(c[i][j]);
                double e = exact.getEntry(i, j);
                double mag = magnitude.getEntry(i, j);
                double err = Math.abs(got - e);
                double normwise = mag == 0 ? 0 : err / mag;
                maxN = Math.max(maxN, normwise);
                sumN += normwise;
                if (Math.abs(e) >= 0.1 * mag && e != 0) {
                    double rel = err / Math.abs(e);
                    maxR = Math.max(maxR, rel);
                    sumR += rel;
                    countR++;
                }
            }
        }
        return new Stats(f, k, maxN, sumN / (m * n), maxR, countR == 0 ? 0 : sumR / countR, countR);
    }

    @Test
    void errorAgainstDoublePrecisionStaysWithinTheMeasuredBound() {
        FpFormat[] formats = {FpFormat.BF16, FpFormat.FP16, FpFormat.E4M3, FpFormat.E5M2};
        System.out.println("errors in units of u = 2^-24: normwise |c-exact|/Σ|a·w|, relative |c-exact|/|exact|");
        System.out.println("format    K  max normwise  mean normwise  max rel  mean rel");
        for (int k : new int[] {64, 512}) {
            for (FpFormat f : formats) {
                Stats s = measure(f, 64, k, 64, 20);
                System.out.println(String.format(Locale.ROOT, "%-6s %4d  %12.3f  %13.4f  %7.2f  %8.3f",
                        f, k, s.maxNormwise() / U, s.meanNormwise() / U, s.maxRelative() / U, s.meanRelative() / U));
                String what = f + " K=" + k + ": ";
                double proven = k * U / (1 - k * U);
                assertTrue(s.maxNormwise() <= proven, what + s.maxNormwise() + " exceeds the proven bound " + proven);
                assertTrue(s.maxNormwise() <= 4 * U, what + "max normwise error " + s.maxNormwise() / U + " u");
                assertTrue(s.meanNormwise() <= 0.5 * U, what + "mean normwise error " + s.meanNormwise() / U + " u");
                assertTrue(s.maxRelative() <= 40 * U, what + "max relative error " + s.maxRelative() / U + " u");
                assertTrue(s.meanRelative() <= 8 * U, what + "mean relative error " + s.meanRelative() / U + " u");
            }
        }
    }

    private static int[][] random(Random rnd, FpFormat f, int rows, int cols) {
        int[][] x = new int[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                x[i][j] = FpConvert.narrow((float) rnd.nextGaussian(), f, Saturation.SATURATING);
            }
        }
        return x;
    }

    private static double[][] decode(FpFormat f, int[][] x) {
        double[][] d = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            d[i] = new double[x[i].length];
            for (int j = 0; j < x[i].length; j++) {
                d[i][j] = f.toDouble(x[i][j]);
            }
        }
        return d;
    }

    private static RealMatrix abs(RealMatrix x) {
        RealMatrix y = x.copy();
        for (int i = 0; i < y.getRowDimension(); i++) {
            for (int j = 0; j < y.getColumnDimension(); j++) {
                y.setEntry(i, j, Math.abs(y.getEntry(i, j)));
            }
        }
        return y;
    }
}
