package sohu.core.xformer;

import java.util.function.IntBinaryOperator;

/**
 * Golden model of the row reductions over {@code L} lanes: lane {@code j} folds elements
 * {@code j, j+L, j+2L, ...} in order into its accumulator (one FP32 operation per element, starting
 * from the identity), then a binary tree combines lanes {@code (2i, 2i+1)} level by level.
 * The order fixes every rounding, so the hardware result is this one bit for bit.
 */
public final class RowReduce {
    /** A reduction: identity and the per-element fold. */
    public enum Kind {
        /** Largest element ({@link Fp32#max}); identity {@code -∞}. */
        MAX(Fp32.NEG_INF),
        /** Sum; identity {@code -0} (so a row of {@code -0} sums to {@code -0}). */
        SUM(Fp32.NEG_ZERO),
        /** Sum of squares, each element one FMA {@code x·x + acc}; identity {@code -0}. */
        SUM_OF_SQUARES(Fp32.NEG_ZERO);

        private final int identity;

        Kind(int identity) {
            this.identity = identity;
        }

        /** @return the FP32 identity the accumulators start from */
        public int identity() {
            return identity;
        }

        /** The lane's fold of one element into its accumulator. */
        int fold(int acc, int x) {
            return switch (this) {
                case MAX -> Fp32.max(acc, x);
                case SUM -> Fp32.add(acc, x);
                case SUM_OF_SQUARES -> Fp32.fma(x, x, acc);
            };
        }

        /** How two lanes' partial results combine in the tree. */
        IntBinaryOperator combine() {
            return this == MAX ? Fp32::max : Fp32::add;
        }
    }

    private RowReduce() {
    }

    /**
     * Reduces {@code row} on {@code lanes} lanes.
     *
     * @param lanes a power of two
     */
    public static int reduce(Kind kind, int[] row, int lanes) {
        VectorConfig.requirePowerOfTwo("lanes", lanes);
        int[] acc = new int[lanes];
        java.util.Arrays.fill(acc, kind.identity());
        for (int i = 0; i < row.length; i++) {
            acc[i % lanes] = kind.fold(acc[i % lanes], row[i]);
        }
        IntBinaryOperator combine = kind.combine();
        for (int width = lanes; width > 1; width /= 2) {
            for (int i = 0; i < width / 2; i++) {
                acc[i] = combine.applyAsInt(acc[2 * i], acc[2 * i + 1]);
            }
        }
        return acc[0];
    }
}
