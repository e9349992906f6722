package sohu.core.array;

/**
 * One matrix-engine command: {@code C[M×N] = A[M×K]·W[K×N]} (plus the existing C when
 * {@code accumulate}), with the operands' places in the banked scratchpads.
 *
 * <h2>Layout</h2>
 * Every scratchpad word-line holds one array row (or column) of elements, one per bank:
 * <ul>
 *   <li>{@code A[m][k]} is in activation bank {@code k mod R} at {@code aBase + m·aStride + k div R};</li>
 *   <li>{@code W[k][n]} is in weight bank {@code n mod C} at {@code wBase + k·wStride + n div C};</li>
 *   <li>{@code C[m][n]} (FP32) is in accumulator bank {@code n mod C} at {@code cBase + m·cStride + n div C}.</li>
 * </ul>
 * All fields are unsigned 16-bit values (the width of the command port).
 *
 * @param m          rows of A and C
 * @param k          columns of A, rows of W
 * @param n          columns of W and C
 * @param aBase      first activation word
 * @param aStride    words between rows m of A (at least {@code ceil(K/R)})
 * @param wBase      first weight word
 * @param wStride    words between rows k of W (at least {@code ceil(N/C)})
 * @param cBase      first accumulator word
 * @param cStride    words between rows m of C (at least {@code ceil(N/C)})
 * @param accumulate add the product to the C already in the accumulator memory (else start from +0)
 */
public record GemmCommand(int m, int k, int n, int aBase, int aStride, int wBase, int wStride,
                          int cBase, int cStride, boolean accumulate) {

    /** Checks that each field fits the 16-bit command port (a bad value for the array is still legal here). */
    public GemmCommand {
        int[] all = {m, k, n, aBase, aStride, wBase, wStride, cBase, cStride};
        for (int v : all) {
            if (v < 0 || v >= 1 << ArrayConfig.FIELD_BITS) {
                throw new IllegalArgumentException("command fields are unsigned 16-bit values, got " + v + " in " + this);
            }
        }
    }

    /** A densely packed command: A, W and C each start at word 0 with the smallest legal strides. */
    public static GemmCommand packed(ArrayConfig cfg, int m, int k, int n, boolean accumulate) {
        int kt = ceilDiv(k, cfg.rows());
        int nt = ceilDiv(n, cfg.cols());
        return new GemmCommand(m, k, n, 0, kt, 0, nt, 0, nt, accumulate);
    }

    /** The same command with other base addresses. */
    public GemmCommand withBases(int a, int w, int c) {
        return new GemmCommand(m, k, n, a, aStride, w, wStride, c, cStride, accumulate);
    }

    /** The same command with other strides. */
    public GemmCommand withStrides(int a, int w, int c) {
        return new GemmCommand(m, k, n, aBase, a, wBase, w, cBase, c, accumulate);
    }

    /** Number of K tiles, {@code ceil(K/R)}. */
    public int kTiles(ArrayConfig cfg) {
        return ceilDiv(k, cfg.rows());
    }

    /** Number of N tiles, {@code ceil(N/C)}. */
    public int nTiles(ArrayConfig cfg) {
        return ceilDiv(n, cfg.cols());
    }

    /** Activation word of {@code A[row][col]}. */
    public int aAddr(ArrayConfig cfg, int row, int col) {
        return aBase + row * aStride + col / cfg.rows();
    }

    /** Weight word of {@code W[row][col]}. */
    public int wAddr(ArrayConfig cfg, int row, int col) {
        return wBase + row * wStride + col / cfg.cols();
    }

    /** Accumulator word of {@code C[row][col]}. */
    public int cAddr(ArrayConfig cfg, int row, int col) {
        return cBase + row * cStride + col / cfg.cols();
    }

    /**
     * The status the engine reports for this command (checked in this order): zero sizes, strides
     * that would overlap rows, then the last word of A, W and C beyond its scratchpad.
     */
    public EngineStatus check(ArrayConfig cfg) {
        if (m == 0 || k == 0 || n == 0) {
            return EngineStatus.ZERO_SIZE;
        }
        int kt = kTiles(cfg);
        int nt = nTiles(cfg);
        if (aStride < kt || wStride < nt || cStride < nt) {
            return EngineStatus.BAD_STRIDE;
        }
        if ((long) aBase + (long) (m - 1) * aStride + kt - 1 >= cfg.aDepth()) {
            return EngineStatus.A_OUT_OF_RANGE;
        }
        if ((long) wBase + (long) (k - 1) * wStride + nt - 1 >= cfg.wDepth()) {
            return EngineStatus.W_OUT_OF_RANGE;
        }
        if ((long) cBase + (long) (m - 1) * cStride + nt - 1 >= cfg.cDepth()) {
            return EngineStatus.C_OUT_OF_RANGE;
        }
        return EngineStatus.OK;
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
