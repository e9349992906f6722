package sohu.core.mem;

/**
 * The completion of one {@link KvCommand}, sent when the DMA statuses of all its descriptors are
 * back (completions leave in command order).
 *
 * @param tag         the command's tag
 * @param code        how it ended
 * @param dmaCode     the first failed DMA status of its descriptors, {@link DmaStatus.Code#OK} if none
 * @param descriptors how many DMA descriptors the command issued
 */
public record KvStatus(int tag, Code code, DmaStatus.Code dmaCode, int descriptors) {

    /** Completion codes, in the order of their encoding. */
    public enum Code {
        /** Every descriptor issued and completed with OK. */
        OK,
        /** Rejected, nothing issued: the sequence is beyond the block table. */
        BAD_SEQUENCE,
        /** Rejected, nothing issued: the append position or the gather's last token is beyond the sequence's
         * table, or a gather of zero tokens. */
        BAD_POSITION,
        /** Rejected, nothing issued: the layer or (for a gather) the KV head is beyond the layout. */
        BAD_FIELD,
        /** A block-table entry on the way is unmapped: nothing is issued for it or after it (a gather's
         * earlier blocks were issued and completed). */
        UNMAPPED,
        /** Every descriptor was issued but at least one DMA status was not OK ({@code dmaCode} says which). */
        DMA_ERROR
    }
}
