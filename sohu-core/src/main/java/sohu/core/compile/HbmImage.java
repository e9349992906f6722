package sohu.core.compile;

import java.util.Arrays;

/**
 * The contents of HBM: a byte array that grows as regions are written. Elements are little-endian
 * (1, 2 or 4 bytes).
 */
public final class HbmImage {
    private byte[] data;

    /** An image of {@code size} zero bytes. */
    public HbmImage(long size) {
        data = new byte[checked(size)];
    }

    private HbmImage(byte[] data) {
        this.data = data;
    }

    private static int checked(long size) {
        if (size < 0 || size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("HBM image of " + size + " bytes is beyond the simulator's 2 GiB");
        }
        return (int) size;
    }

    /** Bytes in the image. */
    public long size() {
        return data.length;
    }

    /** Grows the image (zero-filled) to at least {@code size} bytes. */
    public void ensure(long size) {
        if (size > data.length) {
            data = Arrays.copyOf(data, checked(size));
        }
    }

    /** Reads an element of {@code bytes} bytes. */
    public int read(long addr, int bytes) {
        check(addr, bytes);
        int v = 0;
        for (int i = 0; i < bytes; i++) {
            v |= (data[(int) addr + i] & 0xFF) << (8 * i);
        }
        return v;
    }

    /** Writes an element of {@code bytes} bytes. */
    public void write(long addr, int bytes, int value) {
        check(addr, bytes);
        for (int i = 0; i < bytes; i++) {
            data[(int) addr + i] = (byte) (value >>> (8 * i));
        }
    }

    /** Reads {@code n} FP32 values. */
    public float[] readFloats(long addr, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = Float.intBitsToFloat(read(addr + 4L * i, 4));
        }
        return out;
    }

    /** Writes FP32 encodings. */
    public void writeInts(long addr, int[] bits) {
        for (int i = 0; i < bits.length; i++) {
            write(addr + 4L * i, 4, bits[i]);
        }
    }

    /** A deep copy. */
    public HbmImage copy() {
        return new HbmImage(data.clone());
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return data.clone();
    }

    private void check(long addr, int bytes) {
        if (addr < 0 || addr + bytes > data.length) {
            throw new IllegalArgumentException("HBM access of " + bytes + " bytes at 0x" + Long.toHexString(addr)
                    + " is outside the image (0x" + Long.toHexString(data.length) + " bytes)");
        }
    }
}
