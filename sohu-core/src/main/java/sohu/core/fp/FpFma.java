package sohu.core.fp;

/**
 * Golden model of the FMA tile's arithmetic: {@code a × b + c} with {@code a}, {@code b} in an
 * input format and {@code c} and the result in FP32, computed exactly and rounded once to nearest,
 * ties to even, exactly as IEEE 754 {@code fusedMultiplyAdd} (subnormal inputs and outputs, no
 * flushing).
 *
 * <p>Specials: any NaN operand, {@code ∞ × 0} and {@code ∞ - ∞} give the canonical NaN
 * {@code 0x7FC00000}. An exact zero sum of nonzero terms is {@code +0}; a sum of two zeros is
 * {@code -0} only if both are {@code -0}.
 *
 * <p>The datapath is written to be mirrored by RTL: decode, exact product, alignment of the smaller
 * addend with a sticky bit, add, then normalise/round/pack in {@link FpRounding}. The alignment
 * window is 64 bits: the addend with the higher leading one is placed with that one at bit
 * {@value #WINDOW_MSB}, bit 62 takes an addition's carry, and the other addend is shifted right,
 * with every bit shifted out ORed (sticky) into bit 0. Bits are only lost when the other addend is
 * far smaller, so the sum's leading one stays at bit 60 or 61 and the FP32 LSB is at bit 37 or
 * above: far enough above the sticky bit for rounding to be exact (see
 * {@link FpRounding#roundToNearestEven}).
 */
public final class FpFma {

    /** FP32 canonical quiet NaN, the result of every invalid or NaN-propagating FMA. */
    public static final int CANONICAL_NAN = 0x7FC00000;

    /** Window position of the larger addend's leading one. */
    static final int WINDOW_MSB = 61;

    private static final FpFormat ACC = FpFormat.FP32;

    private FpFma() {
    }

    /**
     * Computes {@code a × b + c} with one rounding.
     *
     * @param input format of {@code a} and {@code b} (any {@link FpFormat}, FP32 included: the
     *     product of two 24-bit significands still fits the window)
     * @param a encoding of the multiplicand in {@code input}
     * @param b encoding of the multiplier in {@code input}
     * @param c FP32 encoding of the addend
     * @return FP32 encoding of the result
     */
    public static int fma(FpFormat input, int a, int b, int c) {
        // 1. Decode and handle NaN / infinity.
        if (input.isNaN(a) || input.isNaN(b) || ACC.isNaN(c)) {
            return CANONICAL_NAN;
        }
        boolean productNegative = input.isNegative(a) ^ input.isNegative(b);
        boolean cNegative = ACC.isNegative(c);
        boolean cInfinite = ACC.isInfinite(c);
        if (input.isInfinite(a) || input.isInfinite(b)) {
            if (input.isZero(a) || input.isZero(b)) {
                return CANONICAL_NAN; // ∞ × 0
            }
            if (cInfinite && cNegative != productNegative) {
                return CANONICAL_NAN; // ∞ - ∞
            }
            return signed(productNegative, ACC.infinityBits());
        }
        if (cInfinite) {
            return c;
        }

        // 2. Exact product of the integer significands.
        long productSig = input.significand(a) * input.significand(b);
        int productExp = input.exponent(a) + input.exponent(b);
        long cSig = ACC.significand(c);
        int cExp = ACC.exponent(c);

        // 3. Zero terms: nothing to align, and IEEE fixes the sign of a zero sum.
        if (productSig == 0) {
            return cSig == 0 ? signed(productNegative && cNegative, 0) : c;
        }
        if (cSig == 0) {
            return FpRounding.roundToNearestEven(ACC, productNegative, productSig, productExp,
                    Saturation.NON_SATURATING);
        }

        // 4. Align: the addend whose leading one is higher goes to WINDOW_MSB (ties: the product).
        int productLead = leadingExponent(productSig, productExp);
        int cLead = leadingExponent(cSig, cExp);
        boolean productIsBig = productLead >= cLead;
        long bigSig = productIsBig ? productSig : cSig;
        int bigExp = productIsBig ? productExp : cExp;
        boolean bigNegative = productIsBig ? productNegative : cNegative;
        long smallSig = productIsBig ? cSig : productSig;
        int smallExp = productIsBig ? cExp : productExp;
        boolean smallNegative = productIsBig ? cNegative : productNegative;

        int windowExp = Math.max(productLead, cLead) - WINDOW_MSB; // weight of window bit 0
        long big = bigSig << (bigExp - windowExp);
        long small = shiftWithSticky(smallSig, smallExp - windowExp);

        // 5. Add or subtract magnitudes; the smaller can only win when the leading ones tie.
        long sum;
        boolean negative = bigNegative;
        if (bigNegative == smallNegative) {
            sum = big + small;
        } else {
            sum = big - small;
            if (sum < 0) {
                sum = -sum;
                negative = smallNegative;
            }
        }
        if (sum == 0) {
            return 0; // exact cancellation is +0 when rounding to nearest
        }

        // 6. Normalise, round to nearest even, pack (overflow gives ±infinity).
        return FpRounding.roundToNearestEven(ACC, negative, sum, windowExp, Saturation.NON_SATURATING);
    }

    /**
     * Float convenience form of {@link #fma(FpFormat, int, int, int)}: {@code a} and {@code b} are
     * encodings in {@code input}, {@code c} and the result are floats.
     */
    public static float fma(FpFormat input, int a, int b, float c) {
        return Float.intBitsToFloat(fma(input, a, b, Float.floatToRawIntBits(c)));
    }

    /** Exponent (weight) of the leading one of a nonzero significand. */
    private static int leadingExponent(long sig, int exp) {
        return exp + 63 - Long.numberOfLeadingZeros(sig);
    }

    /**
     * Places {@code sig} so its LSB lands at window bit {@code lsbPosition}: a left shift if that is
     * non-negative, else a right shift that ORs every bit shifted out into bit 0 (sticky).
     */
    private static long shiftWithSticky(long sig, int lsbPosition) {
        if (lsbPosition >= 0) {
            return sig << lsbPosition;
        }
        int drop = -lsbPosition;
        if (drop >= 64) {
            return 1; // sig != 0: only the sticky bit survives
        }
        long lost = sig & ((1L << drop) - 1);
        return (sig >>> drop) | (lost != 0 ? 1 : 0);
    }

    private static int signed(boolean negative, int magnitude) {
        return negative ? ACC.signMask() | magnitude : magnitude;
    }
}
