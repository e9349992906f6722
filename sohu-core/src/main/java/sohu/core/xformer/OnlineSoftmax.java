package sohu.core.xformer;

/**
 * Golden model of FlashAttention's online-softmax steps for one query row, tile by tile of keys:
 * <ol>
 *   <li>{@code m' = max(m, max of the tile's unmasked scores)} ({@link RowReduce} on L lanes);
 *   <li>the rescale factor {@code c = exp(m - m')} ({@link Exp}; 1 while every score so far is
 *       masked, {@code m' = -∞});
 *   <li>{@code p_i = exp(s_i - m')} (0 where masked), {@code l' = l·c + Σp} (one FMA after the
 *       lane sum), and the running output {@code o} is multiplied by {@code c} (an elementwise
 *       multiply of the accumulator row);
 *   <li>at the end {@code o / l} as {@code o · recip(l)}; a row with every score masked
 *       ({@code l = 0}) gives zeros, not NaN.
 * </ol>
 * A record is one state; the step methods return the next.
 *
 * @param max the running maximum {@code m} (FP32 encoding; {@code -∞} at the start)
 * @param sum the running sum {@code l} (FP32 encoding; {@code +0} at the start)
 */
public record OnlineSoftmax(int max, int sum) {
    /** The state before the first tile. */
    public static OnlineSoftmax start() {
        return new OnlineSoftmax(Fp32.NEG_INF, 0);
    }

    /** The result of one tile: the next state, the rescale factor and the tile's probabilities. */
    public record Step(OnlineSoftmax next, int rescale, int[] probabilities) { }

    /**
     * Processes one tile of scores.
     *
     * @param scores the tile's scores
     * @param masked which scores are masked (e.g. {@link CausalMask#row})
     * @param lanes the unit's lane count
     */
    public Step step(int[] scores, boolean[] masked, int lanes) {
        int[] visible = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            visible[i] = masked[i] ? Fp32.NEG_INF : scores[i];
        }
        int newMax = Fp32.max(max, RowReduce.reduce(RowReduce.Kind.MAX, visible, lanes));
        boolean nothingYet = newMax == Fp32.NEG_INF;
        int rescale = nothingYet ? Fp32.ONE : Exp.exp(Fp32.sub(max, newMax));
        int[] p = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            p[i] = masked[i] || nothingYet ? 0 : Exp.exp(Fp32.sub(scores[i], newMax));
        }
        int newSum = Fp32.fma(sum, rescale, RowReduce.reduce(RowReduce.Kind.SUM, p, lanes));
        return new Step(new OnlineSoftmax(newMax, newSum), rescale, p);
    }

    /** The running output row rescaled by a step's factor. */
    public static int[] rescale(int[] output, int factor) {
        return Elementwise.scalar(Elementwise.Op.MUL, output, factor);
    }

    /** The final division {@code o / l}: zeros when every score was masked. */
    public int[] finish(int[] output) {
        if (sum == 0) {
            return new int[output.length];
        }
        return Elementwise.scalar(Elementwise.Op.MUL, output, Reciprocal.reciprocal(sum));
    }
}
