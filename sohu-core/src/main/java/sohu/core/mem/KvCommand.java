package sohu.core.mem;

/**
 * One command to the KV cache unit.
 *
 * <ul>
 * <li>{@link Op#APPEND}: store the K and V rows of the token at position {@code pos} of
 * {@code sequence} in {@code layer}, read from the scratchpad at {@code spad}: first the K rows of
 * every KV head, then the V rows, each {@code rowBytes} long, back to back
 * ({@code 2 * kvHeads * rowBytes} bytes). {@code count}, {@code head} and {@code v} are ignored.</li>
 * <li>{@link Op#GATHER}: load the K (or V, when {@code v}) rows of {@code head} in {@code layer}
 * of the {@code count} tokens from position {@code pos} of {@code sequence} into the scratchpad at
 * {@code spad}, token after token ({@code count * rowBytes} bytes): a whole context
 * ({@code pos = 0}) or one tile of it for tiled (FlashAttention) attention.</li>
 * </ul>
 *
 * @param tag      the host's name for the command, echoed in its {@link KvStatus}
 * @param op       what to do
 * @param sequence block-table row
 * @param pos      APPEND: the token's position; GATHER: the first token's position
 * @param count    GATHER: how many tokens
 * @param layer    transformer layer
 * @param head     KV head (GATHER)
 * @param v        V rather than K (GATHER)
 * @param spad     scratchpad byte address
 */
public record KvCommand(int tag, Op op, int sequence, int pos, int count, int layer, int head, boolean v, long spad) {

    /** The operations, in the order of their encoding. */
    public enum Op {
        /** Store one token's K and V rows of one layer. */
        APPEND,
        /** Load one head's K or V rows of a run of a sequence's tokens. */
        GATHER
    }

    /** An append of the token at {@code position}. */
    public static KvCommand append(int tag, int sequence, int position, int layer, long spad) {
        return new KvCommand(tag, Op.APPEND, sequence, position, 0, layer, 0, false, spad);
    }

    /** A gather of {@code count} tokens from position {@code first}. */
    public static KvCommand gather(int tag, int sequence, int first, int count, int layer, int head, boolean v, long spad) {
        return new KvCommand(tag, Op.GATHER, sequence, first, count, layer, head, v, spad);
    }
}
