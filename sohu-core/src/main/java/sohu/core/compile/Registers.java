package sohu.core.compile;

/** How the compiled programs use the 256 scalar registers. */
final class Registers {
    private Registers() {
    }

    /** +0. */
    static final int ZERO = 0;
    /** +1. */
    static final int ONE = 1;
    /** {@code 1/hidden} (RMSNorm's mean). */
    static final int INV_N = 2;
    /** RMSNorm's ε. */
    static final int EPS = 3;
    /** Attention's {@code 1/√head_dim}. */
    static final int SCALE = 4;
    /** A row's sum of squares. */
    static final int SUM_SQ = 5;
    /** The sum of squares of one piece of a row wider than one VECTOR. */
    static final int PART_SQ = 9;
    /** A score tile's maximum. */
    static final int TILE_MAX = 6;
    /** The new running maximum. */
    static final int NEW_MAX = 7;
    /** A probability tile's sum. */
    static final int TILE_SUM = 8;
    /** First per-row attention register: row i uses {@code ROW + 3i} (max), {@code +1} (sum), {@code +2} (rescale). */
    static final int ROW = 16;
    /** Query rows the registers can hold. */
    static final int MAX_ROWS = (sohu.core.isa.Scalar.REGISTERS - ROW) / 3;

    static int max(int row) {
        return ROW + 3 * row;
    }

    static int sum(int row) {
        return ROW + 3 * row + 1;
    }

    static int rescale(int row) {
        return ROW + 3 * row + 2;
    }
}
