package sohu.core.fp;

/**
 * Conversions between FP32 and the narrower formats.
 *
 * <p>Narrowing rounds to nearest, ties to even, with subnormal results rounded at the target's
 * subnormal LSB. Following OCP OFP8 rev 1.0 (and applied alike to BF16 and FP16):
 * <ul>
 *   <li>NaN input gives the target's canonical NaN ({@link FpFormat#canonicalNaN()}; payload and
 *       sign are not kept);
 *   <li>{@link Saturation#SATURATING}: overflow and ±infinity give ±max finite;
 *   <li>{@link Saturation#NON_SATURATING}: overflow and ±infinity give ±infinity, or the canonical
 *       NaN for E4M3 which has no infinity.
 * </ul>
 * Overflow is judged after rounding, see {@link Saturation}.
 */
public final class FpConvert {

    private FpConvert() {
    }

    /**
     * Rounds an FP32 encoding to {@code target}.
     *
     * @param fp32Bits the FP32 encoding
     * @param target the format to convert to (FP32 is allowed and returns the input, NaNs made
     *     canonical)
     * @param overflow saturating or non-saturating overflow handling
     * @return the encoding in the low {@code target.width()} bits
     */
    public static int narrow(int fp32Bits, FpFormat target, Saturation overflow) {
        FpFormat source = FpFormat.FP32;
        if (source.isNaN(fp32Bits)) {
            return target.canonicalNaN();
        }
        boolean negative = source.isNegative(fp32Bits);
        if (source.isInfinite(fp32Bits)) {
            return FpRounding.overflowResult(target, negative, overflow);
        }
        return FpRounding.roundToNearestEven(target, negative, source.significand(fp32Bits),
                source.exponent(fp32Bits), overflow);
    }

    /** Same as {@link #narrow(int, FpFormat, Saturation)} for a {@code float} input. */
    public static int narrow(float value, FpFormat target, Saturation overflow) {
        return narrow(Float.floatToRawIntBits(value), target, overflow);
    }

    /**
     * Widens an encoding of {@code source} to FP32, exactly (every format is a subset of FP32).
     * NaNs give the canonical FP32 NaN {@code 0x7FC00000}.
     */
    public static int widenBits(FpFormat source, int bits) {
        FpFormat target = FpFormat.FP32;
        if (source.isNaN(bits)) {
            return target.canonicalNaN();
        }
        boolean negative = source.isNegative(bits);
        if (source.isInfinite(bits)) {
            return (negative ? target.signMask() : 0) | target.infinityBits();
        }
        // Exact, so the rounder only renormalises (e.g. FP16/FP8 subnormals become FP32 normals).
        return FpRounding.roundToNearestEven(target, negative, source.significand(bits),
                source.exponent(bits), Saturation.NON_SATURATING);
    }

    /** {@link #widenBits(FpFormat, int)} as a {@code float}. */
    public static float widen(FpFormat source, int bits) {
        return Float.intBitsToFloat(widenBits(source, bits));
    }
}
