package sohu.core.mem;

/**
 * One command to the KV cache unit.
 *
 * <ul>
 * <li>{@link Op#APPEND}: store the K and V rows of the token at position {@code tokens} of
 * {@code sequence} in {@code layer}, read from the scratchpad at {@code spad}: first the K rows of
 * every KV head, then the V rows, each {@code rowBytes} long, back to back
 * ({@code 2 * kvHeads * rowBytes} bytes). {@code head} and {@code v} are ignored.</li>
 * <li>{@link Op#GATHER}: load the K (or V, when {@code v}) rows of {@code head} in {@code layer}
 * of the first {@code tokens} tokens of {@code sequence} into the scratchpad at {@code spad},
 * token after token ({@code tokens * rowBytes} bytes).</li>
 * </ul>
 *
 * @param tag      the host's name for the command, echoed in its {@link KvStatus}
 * @param op       what to do
 * @param sequence block-table row
 * @param tokens   APPEND: the token's position; GATHER: how many tokens from position 0
 * @param layer    transformer layer
 * @param head     KV head (GATHER)
 * @param v        V rather than K (GATHER)
 * @param spad     scratchpad byte address
 */
public record KvCommand(int tag, Op op, int sequence, int tokens, int layer, int head, boolean v, long spad) {

    /** The operations, in the order of their encoding. */
    public enum Op {
        /** Store one token's K and V rows of one layer. */
        APPEND,
        /** Load one head's K or V rows of a sequence's first tokens. */
        GATHER
    }

    /** An append of the token at {@code position}. */
    public static KvCommand append(int tag, int sequence, int position, int layer, long spad) {
        return new KvCommand(tag, Op.APPEND, sequence, position, layer, 0, false, spad);
    }

    /** A gather of the first {@code tokens} tokens. */
    public static KvCommand gather(int tag, int sequence, int tokens, int layer, int head, boolean v, long spad) {
        return new KvCommand(tag, Op.GATHER, sequence, tokens, layer, head, v, spad);
    }
}
