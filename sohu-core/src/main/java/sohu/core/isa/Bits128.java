package sohu.core.isa;

/**
 * A 128-bit instruction word as two longs ({@code lo} holds bits 0..63), with checked field
 * packing: a value that does not fit its field is an error naming the field, never a silent wrap.
 */
public final class Bits128 {
    private long lo;
    private long hi;

    /** An all-zero word. */
    public Bits128() {
    }

    /** A word from its two halves. */
    public Bits128(long lo, long hi) {
        this.lo = lo;
        this.hi = hi;
    }

    /** Bits 0..63. */
    public long lo() {
        return lo;
    }

    /** Bits 64..127. */
    public long hi() {
        return hi;
    }

    /** Puts an unsigned {@code value} into bits {@code lsb .. lsb+width-1}. */
    public Bits128 put(String field, int lsb, int width, long value) {
        if (value < 0 || (width < 64 && value >>> width != 0)) {
            throw new IllegalArgumentException(field + " = " + value + " does not fit its " + width + "-bit field"
                    + " (0.." + ((1L << width) - 1) + ")");
        }
        for (int i = 0; i < width; i++) {
            if ((value >>> i & 1) != 0) {
                int bit = lsb + i;
                if (bit < 64) {
                    lo |= 1L << bit;
                } else {
                    hi |= 1L << (bit - 64);
                }
            }
        }
        return this;
    }

    /** Puts a two's-complement {@code value} into a signed field. */
    public Bits128 putSigned(String field, int lsb, int width, long value) {
        long min = -(1L << (width - 1));
        long max = (1L << (width - 1)) - 1;
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " = " + value + " does not fit its signed " + width
                    + "-bit field (" + min + ".." + max + ")");
        }
        return put(field, lsb, width, value & ((1L << width) - 1));
    }

    /** Puts a boolean into one bit. */
    public Bits128 put(String field, int lsb, boolean value) {
        return put(field, lsb, 1, value ? 1 : 0);
    }

    /** The unsigned field at bits {@code lsb .. lsb+width-1}. */
    public long get(int lsb, int width) {
        long v = 0;
        for (int i = 0; i < width; i++) {
            int bit = lsb + i;
            long b = bit < 64 ? lo >>> bit & 1 : hi >>> (bit - 64) & 1;
            v |= b << i;
        }
        return v;
    }

    /** The signed field at bits {@code lsb .. lsb+width-1}. */
    public long getSigned(int lsb, int width) {
        long v = get(lsb, width);
        return (v << (64 - width)) >> (64 - width);
    }

    /** One bit. */
    public boolean bit(int lsb) {
        return get(lsb, 1) != 0;
    }

    /** 32 hex digits, most significant first. */
    public String hex() {
        return String.format("%016x%016x", hi, lo);
    }
}
