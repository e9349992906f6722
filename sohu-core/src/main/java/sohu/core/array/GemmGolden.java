package sohu.core.array;

import sohu.core.fp.FpFma;
import sohu.core.fp.FpFormat;

/**
 * Golden model of the matrix engine's arithmetic, bit for bit. Every output is one FP32 chain of
 * fused multiply-adds in the order the hardware runs them:
 *
 * <pre>
 *   acc = accumulate ? C[m][n] : +0
 *   for k = 0 .. ceil(K/R)·R - 1:          (K padded up to a multiple of the array rows)
 *       acc = k &lt; K ? fma(A[m][k], W[k][n], acc) : fma(-0, +0, acc)    (one rounding each)
 *   C[m][n] = acc
 * </pre>
 *
 * The K tile {@code kt} runs down the array's column (rows {@code 0..R-1} hold {@code W[kt·R + r][n]}),
 * and its partial sum goes to the accumulator memory and back into the top of the column for tile
 * {@code kt + 1}, so the chain above is exactly what the hardware computes. A padding step adds the
 * product {@code -0 × +0 = -0}, the identity of round-to-nearest addition: it returns every
 * non-NaN {@code acc} unchanged ({@code -0 + -0 = -0}, {@code +0 + -0 = +0}), and a NaN
 * {@code acc} is already the canonical NaN (K ≥ 1 FMAs made it). So the result equals the plain
 * order {@code k = 0 .. K-1} for every input, the sign of zero included.
 */
public final class GemmGolden {
    private GemmGolden() {
    }

    /**
     * The engine's result.
     *
     * @param format encoding of {@code a} and {@code w}
     * @param rows   array rows R (K is padded to a multiple of it)
     * @param a      {@code A[M][K]}, encodings in {@code format}
     * @param w      {@code W[K][N]}, encodings in {@code format}
     * @param c      the existing {@code C[M][N]} as FP32 bits when accumulating, or {@code null} for +0
     * @return {@code C[M][N]} as FP32 bits
     */
    public static int[][] gemm(FpFormat format, int rows, int[][] a, int[][] w, int[][] c) {
        int m = a.length;
        int k = w.length;
        int n = k == 0 ? 0 : w[0].length;
        int kPadded = GemmCommand.ceilDiv(k, rows) * rows;
        int negZero = format.signMask();
        int[][] out = new int[m][n];
        for (int i = 0; i < m; i++) {
            if (a[i].length != k) {
                throw new IllegalArgumentException("A row " + i + " has " + a[i].length + " elements, W has " + k + " rows");
            }
            for (int j = 0; j < n; j++) {
                int acc = c == null ? 0 : c[i][j];
                for (int kk = 0; kk < kPadded; kk++) {
                    acc = kk < k ? FpFma.fma(format, a[i][kk], w[kk][j], acc) : FpFma.fma(format, negZero, 0, acc);
                }
                out[i][j] = acc;
            }
        }
        return out;
    }

    /** {@link #gemm(FpFormat, int, int[][], int[][], int[][])} for an array configuration. */
    public static int[][] gemm(ArrayConfig cfg, int[][] a, int[][] w, int[][] c) {
        return gemm(cfg.format(), cfg.rows(), a, w, c);
    }
}
