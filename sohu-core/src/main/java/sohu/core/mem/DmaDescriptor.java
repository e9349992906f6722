package sohu.core.mem;

/**
 * One DMA job: {@code rows} rows of {@code bytesPerRow} bytes, row {@code r} read at
 * {@code src + r * srcStride} and written at {@code dst + r * dstStride}. Addresses are
 * byte addresses in the space {@link #direction()} names: HBM addresses are AXI addresses,
 * SRAM addresses are byte offsets into the on-chip scratchpad space (bank in the high bits).
 * The completion carries {@code tag} back (see {@link DmaStatus}).
 *
 * @param tag         the host's name for the job, echoed in the completion
 * @param direction   which spaces {@code src} and {@code dst} are in
 * @param src         first source byte address
 * @param dst         first destination byte address
 * @param rows        number of rows, at least 1
 * @param bytesPerRow bytes per row, at least 1
 * @param srcStride   bytes from one source row to the next
 * @param dstStride   bytes from one destination row to the next
 */
public record DmaDescriptor(int tag, Direction direction, long src, long dst, int rows, int bytesPerRow,
                            long srcStride, long dstStride) {

    /** Where the source and the destination live. */
    public enum Direction {
        /** Load: HBM to the on-chip SRAM. */
        HBM_TO_SRAM,
        /** Store: on-chip SRAM to HBM. */
        SRAM_TO_HBM,
        /** Copy: HBM to HBM through the engine's buffer. */
        HBM_TO_HBM
    }

    /** A 1-D transfer of {@code bytes} bytes. */
    public static DmaDescriptor linear(int tag, Direction direction, long src, long dst, int bytes) {
        return new DmaDescriptor(tag, direction, src, dst, 1, bytes, bytes, bytes);
    }

    /** Total bytes moved. */
    public long totalBytes() {
        return (long) rows * bytesPerRow;
    }
}
