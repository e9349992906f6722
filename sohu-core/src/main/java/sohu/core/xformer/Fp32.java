package sohu.core.xformer;

import sohu.core.fp.FpFma;
import sohu.core.fp.FpFormat;
import sohu.core.fp.FpRounding;
import sohu.core.fp.Saturation;

/**
 * FP32 arithmetic as the vector lanes do it: every add, multiply and fused multiply-add is one
 * {@link FpFma} operation with FP32 inputs (one rounding to nearest even, canonical NaN). Values are
 * FP32 encodings held in {@code int}s.
 */
public final class Fp32 {
    /** FP32 encoding of +1.0. */
    public static final int ONE = 0x3F800000;
    /** FP32 encoding of -0.0: the additive identity that keeps the sign of a zero product. */
    public static final int NEG_ZERO = 0x80000000;
    /** FP32 encoding of +infinity. */
    public static final int POS_INF = 0x7F800000;
    /** FP32 encoding of -infinity. */
    public static final int NEG_INF = 0xFF800000;
    /** FP32 canonical NaN. */
    public static final int NAN = FpFma.CANONICAL_NAN;

    private static final FpFormat F = FpFormat.FP32;

    private Fp32() {
    }

    /** {@code a × b + c}, rounded once. */
    public static int fma(int a, int b, int c) {
        return FpFma.fma(F, a, b, c);
    }

    /** {@code a + b}, as {@code a × 1 + b}. */
    public static int add(int a, int b) {
        return fma(a, ONE, b);
    }

    /** {@code a - b}. */
    public static int sub(int a, int b) {
        return add(a, negate(b));
    }

    /** {@code a × b}, as {@code a × b + (-0)} (which keeps the sign of a zero product). */
    public static int mul(int a, int b) {
        return fma(a, b, NEG_ZERO);
    }

    /** The sign bit flipped (NaNs included: a wire, not an operation). */
    public static int negate(int a) {
        return a ^ NEG_ZERO;
    }

    /** @return whether {@code a} is a NaN */
    public static boolean isNaN(int a) {
        return F.isNaN(a);
    }

    /**
     * The larger of two values, as the lane's comparator: NaN if either is NaN, and +0 above -0.
     */
    public static int max(int a, int b) {
        if (isNaN(a) || isNaN(b)) {
            return NAN;
        }
        return orderKey(a) >= orderKey(b) ? a : b;
    }

    /** A signed integer that orders FP32 encodings (non-NaN) as their values, -0 below +0. */
    static int orderKey(int a) {
        return a < 0 ? ~(a & 0x7FFFFFFF) : a;
    }

    /**
     * Rounds {@code significand × 2^exponent} (sign {@code negative}) to FP32: the one rounder of
     * the nonlinear units (subnormal results, overflow to infinity).
     */
    static int round(boolean negative, long significand, int exponent) {
        return FpRounding.roundToNearestEven(F, negative, significand, exponent, Saturation.NON_SATURATING);
    }

    /** {@code a · 2^k} rounded once (the rounder's exponent adjust); {@code a} finite, nonzero or zero. */
    static int scale(int a, int k) {
        if (!F.decode(a).isFinite()) {
            return a;
        }
        return round(F.isNegative(a), F.significand(a), F.exponent(a) + k);
    }

    /** @return {@code value} as an FP32 encoding, rounded to nearest even from the double */
    public static int of(double value) {
        return Float.floatToRawIntBits((float) value);
    }

    /** @return the value of an FP32 encoding */
    public static double value(int bits) {
        return Float.intBitsToFloat(bits);
    }
}
