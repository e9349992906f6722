package sohu.verilator.axi;

import java.util.HashMap;
import java.util.Map;

/**
 * A byte-addressed memory of any size that stores only the 4 KiB pages written; unwritten bytes
 * read as zero (or as the page initializer's bytes).
 */
public final class SparseMemory {
    private static final int PAGE = 4096;
    private final Map<Long, byte[]> pages = new HashMap<>();

    /** The byte at {@code addr}. */
    public int read(long addr) {
        byte[] p = pages.get(addr >>> 12);
        return p == null ? 0 : p[(int) (addr & (PAGE - 1))] & 0xFF;
    }

    /** Writes one byte. */
    public void write(long addr, int value) {
        pages.computeIfAbsent(addr >>> 12, k -> new byte[PAGE])[(int) (addr & (PAGE - 1))] = (byte) value;
    }

    /** Writes {@code bytes} at {@code addr}. */
    public void write(long addr, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            write(addr + i, bytes[i]);
        }
    }

    /** {@code n} bytes from {@code addr}. */
    public byte[] read(long addr, int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) read(addr + i);
        }
        return out;
    }

    /** The bus word of {@code words} 64-bit words at the word-aligned {@code addr}, least significant byte first. */
    public void readWord(long addr, long[] dst) {
        for (int w = 0; w < dst.length; w++) {
            long v = 0;
            for (int b = 7; b >= 0; b--) {
                v = (v << 8) | read(addr + 8L * w + b);
            }
            dst[w] = v;
        }
    }

    /** Writes the bytes of a bus word whose bit in {@code strobe} is set (bit k: byte k). */
    public void writeWord(long addr, long[] data, long[] strobe) {
        for (int k = 0; k < data.length * 8; k++) {
            if ((strobe[k >>> 6] >>> (k & 63) & 1) != 0) {
                write(addr + k, (int) (data[k >>> 3] >>> (8 * (k & 7))) & 0xFF);
            }
        }
    }

    /** Pages held (4 KiB each). */
    public int pages() {
        return pages.size();
    }
}
