package sohu.core.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import sohu.core.fp.FpConvert;
import sohu.core.fp.FpFma;
import sohu.core.fp.FpFormat;
import sohu.core.fp.Saturation;

/** The golden model's order of accumulation, padding and accumulate flag. */
class GemmGoldenTest {

    private static int bf16(double v) {
        return FpFormat.BF16.encode(v);
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
    void equalsAChainOfFmasPlusPaddingSteps() {
        Random rnd = new Random(5);
        for (FpFormat f : new FpFormat[] {FpFormat.BF16, FpFormat.FP16, FpFormat.E4M3, FpFormat.E5M2}) {
            int m = 3;
            int k = 7;
            int n = 4;
            int[][] a = new int[m][k];
            int[][] w = new int[k][n];
            int[][] c0 = new int[m][n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < k; j++) {
                    a[i][j] = rnd.nextInt(1 << f.width());
                }
                for (int j = 0; j < n; j++) {
                    c0[i][j] = Float.floatToRawIntBits((float) rnd.nextGaussian());
                }
            }
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < n; j++) {
                    w[i][j] = FpConvert.narrow((float) rnd.nextGaussian(), f, Saturation.SATURATING);
                }
            }
            int[][] got = GemmGolden.gemm(f, 4, a, w, c0);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    int acc = c0[i][j];
                    for (int kk = 0; kk < k; kk++) {
                        acc = FpFma.fma(f, a[i][kk], w[kk][j], acc);
                    }
                    acc = FpFma.fma(f, 0, 0, acc); // K = 7 padded to 8
                    assertEquals(acc, got[i][j], f + " C[" + i + "][" + j + "]");
                }
            }
        }
    }

    @Test
    void paddingTurnsANegativeZeroSumIntoPlusZero() {
        int negZero = 0x8000_0000;
        int[][] a = {{bf16(-1.0)}};
        int[][] w = {{bf16(0.0)}};
        int[][] c = {{negZero}};
        // -0 + (-1 × +0) = -0 exactly; a padding step adds 0 × 0 = +0, giving +0.
        assertEquals(negZero, GemmGolden.gemm(FpFormat.BF16, 1, a, w, c)[0][0]);
        assertEquals(0, GemmGolden.gemm(FpFormat.BF16, 2, a, w, c)[0][0]);
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
