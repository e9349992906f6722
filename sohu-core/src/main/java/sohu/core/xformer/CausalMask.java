package sohu.core.xformer;

/**
 * The causal mask, generated from positions (nothing stored): the score of query position
 * {@code q} against key position {@code k} is kept when {@code k ≤ q}.
 */
public final class CausalMask {
    private CausalMask() {
    }

    /** @return whether the score of query {@code q} and key {@code k} is masked out */
    public static boolean masked(long queryPosition, long keyPosition) {
        return keyPosition > queryPosition;
    }

    /**
     * The mask of one row of scores.
     *
     * @param queryPosition the row's query position
     * @param firstKey the key position of element 0
     * @param length the number of scores
     */
    public static boolean[] row(long queryPosition, long firstKey, int length) {
        boolean[] m = new boolean[length];
        for (int i = 0; i < length; i++) {
            m[i] = masked(queryPosition, firstKey + i);
        }
        return m;
    }
}
