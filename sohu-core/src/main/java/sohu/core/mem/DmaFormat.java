package sohu.core.mem;

import static sohu.hdl.Types.Bundle;
import static sohu.hdl.Types.UInt;

import sohu.hdl.HwType;

/**
 * The hardware encoding of {@link DmaDescriptor} and {@link DmaStatus}: the bundle types the DMA
 * engine's descriptor and completion streams carry, so every producer of descriptors (the host
 * port, the KV cache, the sequencer) and every consumer agree on one layout. Fields are in
 * declaration order, first field in the most significant bits when packed.
 */
public final class DmaFormat {
    private DmaFormat() { }

    /** Width of a tag. */
    public static final int TAG_BITS = 8;
    /** Width of an address (HBM or SRAM); AXI addresses narrower than this use the low bits. */
    public static final int ADDR_BITS = 48;
    /** Width of the row count. */
    public static final int ROWS_BITS = 16;
    /** Width of the bytes-per-row count. */
    public static final int ROW_BYTES_BITS = 24;
    /** Width of the completion code. */
    public static final int CODE_BITS = 4;

    /** The descriptor: tag, direction (the ordinal of {@link DmaDescriptor.Direction}), src, dst, rows, bytesPerRow, srcStride, dstStride. */
    public static HwType.BundleType descriptor() {
        return Bundle("tag", UInt(TAG_BITS), "direction", UInt(2), "src", UInt(ADDR_BITS), "dst", UInt(ADDR_BITS),
                "rows", UInt(ROWS_BITS), "bytesPerRow", UInt(ROW_BYTES_BITS),
                "srcStride", UInt(ADDR_BITS), "dstStride", UInt(ADDR_BITS));
    }

    /** The completion: tag and code (the ordinal of {@link DmaStatus.Code}). */
    public static HwType.BundleType status() {
        return Bundle("tag", UInt(TAG_BITS), "code", UInt(CODE_BITS));
    }
}
