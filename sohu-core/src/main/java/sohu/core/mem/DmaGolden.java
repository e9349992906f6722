package sohu.core.mem;

import java.math.BigInteger;
import java.util.Optional;

/**
 * What a DMA engine does to memory, byte by byte: which descriptors it rejects and with which
 * code, and the bytes an accepted one moves (row {@code r}: {@code bytesPerRow} bytes from
 * {@code src + r·srcStride} to {@code dst + r·dstStride}). The scoreboard of the RTL tests.
 */
public final class DmaGolden {
    private DmaGolden() { }

    /** A byte-addressed space. */
    public interface Space {
        /** The byte at {@code addr} (0..255). */
        int read(long addr);

        /** Writes one byte. */
        void write(long addr, int value);
    }

    /**
     * The code an engine with {@code 2^hbmBits} bytes of HBM and {@code 2^sramBits} of SRAM
     * rejects {@code d} with, if any: BAD_LENGTH before BAD_RANGE before BAD_STRIDE.
     */
    public static Optional<DmaStatus.Code> reject(DmaDescriptor d, int hbmBits, int sramBits) {
        if (d.rows() == 0 || d.bytesPerRow() == 0) {
            return Optional.of(DmaStatus.Code.BAD_LENGTH);
        }
        boolean srcSram = d.direction() == DmaDescriptor.Direction.SRAM_TO_HBM;
        boolean dstSram = d.direction() == DmaDescriptor.Direction.HBM_TO_SRAM;
        if (beyond(d.src(), d.srcStride(), d, srcSram ? sramBits : hbmBits)
                || beyond(d.dst(), d.dstStride(), d, dstSram ? sramBits : hbmBits)) {
            return Optional.of(DmaStatus.Code.BAD_RANGE);
        }
        if (d.rows() > 1 && d.dstStride() < d.bytesPerRow()) {
            return Optional.of(DmaStatus.Code.BAD_STRIDE);
        }
        return Optional.empty();
    }

    private static boolean beyond(long start, long stride, DmaDescriptor d, int bits) {
        BigInteger end = BigInteger.valueOf(start)
                .add(BigInteger.valueOf(d.rows() - 1L).multiply(BigInteger.valueOf(stride)))
                .add(BigInteger.valueOf(d.bytesPerRow()));
        return end.compareTo(BigInteger.ONE.shiftLeft(bits)) > 0;
    }

    /** Moves the bytes of an accepted descriptor (each row read whole before it is written). */
    public static void apply(DmaDescriptor d, Space hbm, Space sram) {
        Space from = d.direction() == DmaDescriptor.Direction.SRAM_TO_HBM ? sram : hbm;
        Space to = d.direction() == DmaDescriptor.Direction.HBM_TO_SRAM ? sram : hbm;
        int[] row = new int[d.bytesPerRow()];
        for (int r = 0; r < d.rows(); r++) {
            long s = d.src() + r * d.srcStride();
            long t = d.dst() + r * d.dstStride();
            for (int i = 0; i < row.length; i++) {
                row[i] = from.read(s + i);
            }
            for (int i = 0; i < row.length; i++) {
                to.write(t + i, row[i]);
            }
        }
    }

    /** Whether {@code addr} is a destination byte of {@code d}. */
    public static boolean inDestination(DmaDescriptor d, long addr) {
        long off = addr - d.dst();
        if (off < 0) {
            return false;
        }
        long r = d.rows() == 1 || d.dstStride() == 0 ? 0 : off / d.dstStride();
        return r < d.rows() && off - r * d.dstStride() < d.bytesPerRow();
    }
}
