package sohu.core.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import sohu.core.fp.FpConvert;
import sohu.core.fp.FpFormat;
import sohu.core.fp.Saturation;

/**
 * The golden model against an independent oracle: Java's {@link Math#fma(float, float, float)}
 * applied in the plain sequential order {@code k = 0 .. K-1} to the operands widened to float (exact
 * for every input format), with no padding and nothing of the model's own arithmetic. Random
 * operands mix signed zeros, tiny and ordinary values, so that many sums are exact zeros of either
 * sign and K is rarely a multiple of R.
 */
class GemmGoldenTest {
    private static final int NEG_ZERO = 0x8000_0000;
    private static final FpFormat[] FORMATS = {FpFormat.BF16, FpFormat.FP16, FpFormat.E4M3, FpFormat.E5M2, FpFormat.FP32};

    private static int bf16(double v) {
        return FpFormat.BF16.encode(v);
    }

    /** The oracle: {@code acc = c0; acc = Math.fma(a_k, w_k, acc)} for k = 0..K-1, as FP32 bits. */
    static int[][] plainOrder(FpFormat f, int[][] a, int[][] w, int[][] c0) {
        int m = a.length;
        int k = w.length;
        int n = w[0].length;
        int[][] out = new int[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = c0 == null ? 0.0f : Float.intBitsToFloat(c0[i][j]);
                for (int kk = 0; kk < k; kk++) {
                    acc = Math.fma((float) f.toDouble(a[i][kk]), (float) f.toDouble(w[kk][j]), acc);
                }
                out[i][j] = Float.floatToRawIntBits(acc);
            }
        }
        return out;
    }

    /** An element that is often a zero of either sign, sometimes a tiny or ordinary number. */
    static int element(Random rnd, FpFormat f) {
        int sign = rnd.nextBoolean() ? f.signMask() : 0;
        switch (rnd.nextInt(4)) {
            case 0, 1:
                return sign; // ±0
            case 2:
                return sign | 1; // the smallest subnormal
            default:
                return sign | f.encode(1.0 + rnd.nextInt(4) / 4.0); // exact in every format
        }
    }

    static int[][] matrix(Random rnd, FpFormat f, int rows, int cols) {
        int[][] x = new int[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                x[i][j] = element(rnd, f);
            }
        }
        return x;
    }

    @Test
    void equalsThePlainSequentialMathFmaOrderForEveryRowCount() {
        Random rnd = new Random(15);
        int negativeZeros = 0;
        for (FpFormat f : FORMATS) {
            for (int trial = 0; trial < 40; trial++) {
                int m = 1 + rnd.nextInt(4);
                int k = 1 + rnd.nextInt(9);
                int n = 1 + rnd.nextInt(4);
                int rows = 1 + rnd.nextInt(8);
                int[][] a = matrix(rnd, f, m, k);
                int[][] w = matrix(rnd, f, k, n);
                int[][] c0 = null;
                if (rnd.nextBoolean()) {
                    c0 = matrix(rnd, FpFormat.FP32, m, n);
                }
                int[][] want = plainOrder(f, a, w, c0);
                int[][] got = GemmGolden.gemm(f, rows, a, w, c0);
                for (int i = 0; i < m; i++) {
                    assertArrayEquals(want[i], got[i], f + " R=" + rows + " K=" + k + " row " + i);
                    for (int bits : got[i]) {
                        negativeZeros += bits == NEG_ZERO && k % rows != 0 ? 1 : 0;
                    }
                }
            }
        }
        // The inputs must give -0 sums with K padded, or the comparison above proves little about them.
        assertTrue(negativeZeros >= 10, "only " + negativeZeros + " outputs are -0 with K not a multiple of R");
    }

    @Test
    void equalsThePlainOrderOnRandomValuesThatRound() {
        Random rnd = new Random(16);
        for (FpFormat f : FORMATS) {
            int m = 4;
            int k = 37;
            int n = 5;
            int[][] a = gaussian(rnd, f, m, k);
            int[][] w = gaussian(rnd, f, k, n);
            int[][] c0 = gaussian(rnd, FpFormat.FP32, m, n);
            for (int rows : new int[] {1, 4, 8, 16}) {
                int[][] want = plainOrder(f, a, w, c0);
                int[][] got = GemmGolden.gemm(f, rows, a, w, c0);
                for (int i = 0; i < m; i++) {
                    assertArrayEquals(want[i], got[i], f + " R=" + rows + " row " + i);
                }
            }
        }
    }

    private static int[][] gaussian(Random rnd, FpFormat f, int rows, int cols) {
        int[][] x = new int[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                x[i][j] = FpConvert.narrow((float) (rnd.nextGaussian() * 3), f, Saturation.SATURATING);
            }
        }
        return x;
    }

    @Test
    void aNegativeZeroSumStaysNegativeWhenKIsPadded() {
        int[][] a = {{bf16(-1.0)}};
        int[][] w = {{bf16(0.0)}};
        int[][] c = {{NEG_ZERO}};
        // -0 + (-1 × +0) = -0 exactly; the padding steps of R = 2 and R = 16 must keep it.
        for (int rows : new int[] {1, 2, 16}) {
            assertEquals(NEG_ZERO, GemmGolden.gemm(FpFormat.BF16, rows, a, w, c)[0][0], "R = " + rows);
        }
        // A plus-zero sum stays plus zero.
        int[][] plus = {{0}};
        assertEquals(0, GemmGolden.gemm(FpFormat.BF16, 4, a, w, plus)[0][0]);
    }

    @Test
    void accumulatesInIncreasingKWithOneRoundingPerStep() {
        // 2^24 + 1 rounds back to 2^24 (tie to even), so k order decides: 2^24 + 1 + 1 = 2^24,
        // while 1 + 1 + 2^24 would be 2^24 + 2.
        int[][] a = {{bf16(16777216.0), bf16(1.0), bf16(1.0)}};
        int[][] w = {{bf16(1.0)}, {bf16(1.0)}, {bf16(1.0)}};
        int[][] c = GemmGolden.gemm(FpFormat.BF16, 3, a, w, null);
        assertEquals(16777216.0f, Float.intBitsToFloat(c[0][0]));
        int[][] reversed = {{bf16(1.0), bf16(1.0), bf16(16777216.0)}};
        assertEquals(16777218.0f, Float.intBitsToFloat(GemmGolden.gemm(FpFormat.BF16, 3, reversed, w, null)[0][0]));
    }

    @Test
    void startsFromPlusZeroOrTheExistingC() {
        int[][] a = {{bf16(2.0), bf16(3.0)}};
        int[][] w = {{bf16(5.0)}, {bf16(7.0)}};
        assertArrayEquals(new int[] {Float.floatToRawIntBits(31.0f)}, GemmGolden.gemm(FpFormat.BF16, 2, a, w, null)[0]);
        int[][] c = {{Float.floatToRawIntBits(0.5f)}};
        assertArrayEquals(new int[] {Float.floatToRawIntBits(31.5f)}, GemmGolden.gemm(FpFormat.BF16, 2, a, w, c)[0]);
    }
}
