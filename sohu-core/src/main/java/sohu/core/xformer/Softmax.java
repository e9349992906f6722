package sohu.core.xformer;

/**
 * Golden model of a whole softmax row in three passes over the row: the row maximum, then
 * {@code p_i = exp(s_i - m)} with their sum, then {@code p_i · recip(sum)}: exactly
 * {@link OnlineSoftmax} with the whole row as one tile and {@code o = p}.
 */
public final class Softmax {
    private Softmax() {
    }

    /** Softmax of one row, {@code masked} marking scores that count as {@code -∞}. */
    public static int[] row(int[] scores, boolean[] masked, int lanes) {
        OnlineSoftmax.Step s = OnlineSoftmax.start().step(scores, masked, lanes);
        return s.next().finish(s.probabilities());
    }

    /** Softmax of one unmasked row. */
    public static int[] row(int[] scores, int lanes) {
        return row(scores, new boolean[scores.length], lanes);
    }
}
