package sohu.core.xformer;

import sohu.core.fp.FpFormat;

/**
 * Golden model of the lane's exponential, {@code e^x = 2^(x·log2 e)}, in fixed point:
 * <ol>
 *   <li>{@code |x|}'s 24-bit significand times {@link #LOG2E} (log2 e with 38 fraction bits, a
 *       39-bit constant) is shifted to {@code y = x·log2 e} with {@value #Y_FRACTION} fraction
 *       bits, truncated toward zero, and negated for negative {@code x};
 *   <li>{@code n = floor(y)} goes into the exponent; the fraction {@code f} (32 bits) splits into
 *       an 8-bit table index {@code i} and a 24-bit remainder {@code r < 2^-8};
 *   <li>{@code 2^f = T[i] · (1 + q(r))} with {@code T[i] = 2^(i/256)} in Q1.31 and
 *       {@code q(r) = ln2·r + (ln2²/2)·r²} in units of 2^-38 (products truncated);
 *   <li>the 32-bit result {@code M · 2^(n-31)} is rounded once to FP32 (subnormals, overflow).
 * </ol>
 * Specials: NaN gives the canonical NaN, {@code +∞} gives {@code +∞}, {@code -∞} gives {@code +0};
 * {@code |x| ≥ 128} overflows to {@code +∞} or underflows to {@code +0} (before any offset).
 */
public final class Exp {
    /** log2(e) × 2^38, rounded: 39 bits. */
    public static final long LOG2E = Math.round(1.4426950408889634 * (1L << 38));
    /** ln 2 × 2^32, rounded: 32 bits. */
    public static final long C1 = Math.round(0.6931471805599453 * (1L << 32));
    /** (ln 2)²/2 × 2^16, rounded: 15 bits. */
    public static final long C2 = Math.round(0.6931471805599453 * 0.6931471805599453 / 2 * (1 << 16));
    /** Fraction bits of {@code y}. */
    public static final int Y_FRACTION = 32;
    /** Table index bits. */
    public static final int INDEX_BITS = 8;
    /** Fraction bits of the table entries and of {@code M}. */
    public static final int M_FRACTION = 31;
    /** Fraction bits of {@code q}. */
    public static final int Q_FRACTION = 38;

    private static final long[] TABLE = table();
    private static final FpFormat F = FpFormat.FP32;

    private Exp() {
    }

    /** @return the table {@code T[i] = round(2^(i/256) · 2^31)}, 256 entries of 32 bits */
    public static long[] table() {
        long[] t = new long[1 << INDEX_BITS];
        for (int i = 0; i < t.length; i++) {
            t[i] = Math.round(StrictMath.pow(2.0, i / (double) t.length) * (1L << M_FRACTION));
        }
        return t;
    }

    /** {@code e^x} of an FP32 encoding. */
    public static int exp(int x) {
        return exp(x, 0);
    }

    /**
     * {@code e^x · 2^offset}, rounded once: the exponent offset is added to {@code n} before the
     * rounder (SiLU uses it to keep {@code e^x} normal where it would underflow).
     */
    public static int exp(int x, int offset) {
        if (F.isNaN(x)) {
            return Fp32.NAN;
        }
        boolean negative = F.isNegative(x);
        if (F.isInfinite(x) || F.exponentField(x) >= 127 + 7) {
            return negative ? 0 : Fp32.POS_INF;
        }
        return pow2(y(x), offset);
    }

    /** {@code x·log2 e} with {@value #Y_FRACTION} fraction bits, for finite {@code |x| < 128}. */
    static long y(int x) {
        long product = F.significand(x) * LOG2E; // < 2^63
        // |y| = product · 2^(e - 38); with 32 fraction bits that is product · 2^(e - 6), e ≤ -17.
        int shift = 6 - F.exponent(x);
        long magnitude = shift >= 64 ? 0 : product >>> shift;
        return F.isNegative(x) ? -magnitude : magnitude;
    }

    /** {@code 2^y} rounded to FP32, {@code y} with {@value #Y_FRACTION} fraction bits. */
    static int pow2(long y, int offset) {
        int n = (int) (y >> Y_FRACTION) + offset;
        long f = y & ((1L << Y_FRACTION) - 1);
        int i = (int) (f >>> (Y_FRACTION - INDEX_BITS));
        long r = f & ((1L << (Y_FRACTION - INDEX_BITS)) - 1); // units 2^-32, < 2^24
        long q1 = (C1 * r) >>> (64 - Q_FRACTION);             // C1·r in units 2^-64 → 2^-38
        long r2 = (r * r) >>> (64 - Q_FRACTION);              // r² in units 2^-64 → 2^-38
        long q = q1 + ((r2 * C2) >>> 16);
        long t = TABLE[i];
        long m = t + ((t * q) >>> Q_FRACTION);                // units 2^-31
        return Fp32.round(false, m, n - M_FRACTION);
    }
}
