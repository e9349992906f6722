package sohu.verilator;

import java.math.BigInteger;
import java.nio.ByteBuffer;

/** Conversions between wide values and Verilator's little-endian 32-bit word storage. */
final class Words {
    private Words() {}

    static BigInteger mask(int bits) {
        return BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    }

    /** Reads {@code width} bits stored as 32-bit words, least significant first. */
    static BigInteger read(ByteBuffer b, int width) {
        int n = (width + 31) / 32;
        byte[] be = new byte[n * 4];
        for (int w = 0; w < n; w++) {
            int v = b.getInt(w * 4);
            int at = (n - 1 - w) * 4;
            be[at] = (byte) (v >>> 24);
            be[at + 1] = (byte) (v >>> 16);
            be[at + 2] = (byte) (v >>> 8);
            be[at + 3] = (byte) v;
        }
        return new BigInteger(1, be).and(mask(width));
    }

    /** Writes {@code value} modulo 2^width as 32-bit words, least significant first. */
    static void write(ByteBuffer b, BigInteger value, int width) {
        BigInteger v = value.and(mask(width)); // two's complement for negatives
        int n = (width + 31) / 32;
        for (int w = 0; w < n; w++) b.putInt(w * 4, v.shiftRight(32 * w).intValue());
    }

    static BigInteger toBig(int[] words, int width) {
        BigInteger v = BigInteger.ZERO;
        for (int w = (width + 31) / 32 - 1; w >= 0; w--) {
            v = v.shiftLeft(32).or(BigInteger.valueOf(words[w] & 0xFFFFFFFFL));
        }
        return v.and(mask(width));
    }

    static BigInteger toBig(long[] words, int width) {
        return toBig(words, 0, width);
    }

    static BigInteger toBig(long[] words, int off, int width) {
        BigInteger v = BigInteger.ZERO;
        for (int w = (width + 63) / 64 - 1; w >= 0; w--) {
            v = v.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(words[off + w])));
        }
        return v.and(mask(width));
    }

    /** Reads {@code len} little-endian bytes at {@code off}, keeping {@code width} bits. */
    static BigInteger fromLittleEndian(byte[] src, int off, int len, int width) {
        byte[] be = new byte[len];
        for (int i = 0; i < len; i++) be[len - 1 - i] = src[off + i];
        return new BigInteger(1, be).and(mask(width));
    }
}
