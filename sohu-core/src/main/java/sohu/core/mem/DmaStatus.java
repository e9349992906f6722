package sohu.core.mem;

/**
 * The completion of one {@link DmaDescriptor}: its tag and how it ended. A failed
 * descriptor is abandoned (its bursts in flight complete, its remaining bursts are not
 * issued and none of its later bytes are written); the engine goes on with the next one.
 *
 * @param tag  the descriptor's tag
 * @param code how it ended
 */
public record DmaStatus(int tag, Code code) {

    /** Completion codes, in the order of their encoding (the ordinal is the hardware value). */
    public enum Code {
        /** Every byte moved. */
        OK,
        /** A read burst returned SLVERR. */
        READ_SLVERR,
        /** A read burst returned DECERR. */
        READ_DECERR,
        /** A write burst returned SLVERR. */
        WRITE_SLVERR,
        /** A write burst returned DECERR. */
        WRITE_DECERR,
        /** Rejected before any transfer: zero rows or zero bytes per row. */
        BAD_LENGTH,
        /** Rejected before any transfer: an address range beyond the configured memory. */
        BAD_RANGE,
        /** Rejected before any transfer: destination rows overlap each other (stride below row length). */
        BAD_STRIDE
    }
}
