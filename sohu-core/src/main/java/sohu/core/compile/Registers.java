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
    /**
     * First per-row attention register: row i uses {@code ROW + 3i} (max) and the two after it
     * (sum and rescale factor, which of them is which alternating with the tile, {@link #sum}).
     */
    static final int ROW = 16;
    /** Query rows the registers can hold. */
    static final int MAX_ROWS = (sohu.core.isa.Scalar.REGISTERS - ROW) / 3;

    static int max(int row) {
        return ROW + 3 * row;
    }

    /**
     * Row {@code row}'s running sum in a tile of register bank {@code bank} (0 or 1, alternating
     * with the tiles): the other bank's rescale register. A tile's output is written with its sum
     * after the next tile's first chunk has set its own (attention's pipeline), and a first chunk
     * sets no rescale factor, so the two tiles' sums live side by side in three registers a row.
     */
    static int sum(int row, int bank) {
        return ROW + 3 * row + 1 + bank;
    }

    /** Row {@code row}'s rescale factor in a tile of register bank {@code bank}: the other bank's sum register. */
    static int rescale(int row, int bank) {
        return ROW + 3 * row + 2 - bank;
    }
}
