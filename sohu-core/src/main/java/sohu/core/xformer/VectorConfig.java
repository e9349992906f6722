package sohu.core.xformer;

import java.util.Objects;
import sohu.core.fp.FpFormat;

/**
 * Parameters of the vector unit.
 *
 * <p>Exp sizing rule: per attention score the array does {@code 4·head_dim} multiply-adds
 * ({@code 2·head_dim} for {@code QKᵀ}, {@code 2·head_dim} for {@code PV}, counted as in the issue),
 * so an {@code R×C} array produces {@code R·C / (4·head_dim)} scores per cycle and the unit's
 * {@code L} exp lanes (one exp per lane per cycle) must be at least that many, or attention waits
 * for the exponentials. {@link #checkExpThroughput} enforces it.
 *
 * @param lanes the lane count {@code L}, a power of two (by default the array's column count)
 * @param output the format rows are written in (FP32 or a narrow format)
 */
public record VectorConfig(int lanes, FpFormat output) {
    /** Validates the parameters. */
    public VectorConfig {
        requirePowerOfTwo("lanes", lanes);
        Objects.requireNonNull(output, "output");
    }

    /** @return scores per cycle an {@code rows × cols} array produces at head dimension {@code headDim} */
    public static double scoresPerCycle(int rows, int cols, int headDim) {
        return (double) rows * cols / (4.0 * headDim);
    }

    /** @return the fewest exp lanes that keep up with an {@code rows × cols} array */
    public static int minimumLanes(int rows, int cols, int headDim) {
        return (int) Math.ceil(scoresPerCycle(rows, cols, headDim));
    }

    /**
     * Checks the exp sizing rule against an array.
     *
     * @throws IllegalArgumentException naming both sides and the fix when {@code L} is too small
     */
    public void checkExpThroughput(int rows, int cols, int headDim) {
        int need = minimumLanes(rows, cols, headDim);
        if (lanes < need) {
            throw new IllegalArgumentException("vector unit too narrow: " + lanes + " exp lanes serve " + lanes
                    + " scores/cycle, but a " + rows + "x" + cols + " array at head_dim " + headDim + " produces "
                    + rows + "*" + cols + "/(4*" + headDim + ") = " + scoresPerCycle(rows, cols, headDim)
                    + "; use --lanes " + Integer.highestOneBit(need * 2 - 1) + " or more");
        }
    }

    static void requirePowerOfTwo(String what, int n) {
        if (n < 1 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException(what + " must be a power of two (1, 2, 4, ...), got " + n);
        }
    }
}
