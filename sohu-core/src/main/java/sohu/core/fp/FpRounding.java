package sohu.core.fp;

/**
 * Round-to-nearest-even and packing into a format: the final stage shared by the golden FMA and
 * the format conversions. The structure is the one an RTL rounder uses: find the leading one,
 * choose the result's LSB position (fixed at the subnormal LSB when the value is tiny), split the
 * significand into kept bits and the dropped remainder, compare the remainder with one half to
 * round, then add the kept bits (hidden bit included) to the exponent field so that a rounding
 * carry moves into the exponent by itself.
 */
public final class FpRounding {

    private FpRounding() {
    }

    /**
     * Rounds {@code (-1)^negative × significand × 2^exponent} to the nearest value of {@code format}
     * (ties to even) and returns its encoding. Subnormal results are rounded at the fixed subnormal
     * LSB (no flushing); zero and results that round to zero keep the sign.
     *
     * <p>The significand may carry a <em>sticky bit</em>: the OR of any bits dropped beyond its
     * LSB, jammed into the LSB. That is exact for rounding provided the result's LSB lies at least
     * two bits above the significand's LSB, because then the jammed and the true value fall between
     * the same two multiples of 2, and every rounding boundary (representable value or midpoint) is
     * such a multiple.
     *
     * @param format the target format
     * @param negative the sign
     * @param significand a non-negative integer below 2^63
     * @param exponent weight of the significand's LSB
     * @param overflow what to return when the rounded magnitude exceeds the format's maximum
     * @return the encoding in the low {@code format.width()} bits
     */
    public static int roundToNearestEven(FpFormat format, boolean negative, long significand,
                                         int exponent, Saturation overflow) {
        int sign = negative ? format.signMask() : 0;
        if (significand == 0) {
            return sign;
        }
        int mantissaBits = format.mantissaBits();
        // Leading-one position: the result's exponent, clamped at the smallest normal exponent
        // (below it the LSB stays at the subnormal LSB and the hidden bit is absent). Exponent
        // arithmetic is in long so that extreme FpValue exponents cannot wrap.
        long leadingExponent = (long) exponent + 63 - Long.numberOfLeadingZeros(significand);
        long resultExponent = Math.max(leadingExponent, format.minNormalExponent());
        long drop = resultExponent - mantissaBits - exponent;

        long kept;
        if (drop <= 0) {
            kept = significand << -drop; // exact: at most mantissaBits + 1 significant bits
        } else if (drop >= 64) {
            kept = 0; // significand < 2^63 <= one half of an LSB: rounds down to zero
        } else {
            kept = significand >>> drop;
            long remainder = significand & ((1L << drop) - 1);
            long half = 1L << (drop - 1);
            if (remainder > half || (remainder == half && (kept & 1) != 0)) {
                kept++; // may carry to 2^(mantissaBits+1), or from subnormal into the smallest normal
            }
        }

        // Pack as (exponent field - 1) << m, plus kept including its hidden bit: the hidden bit (or
        // a rounding carry out of the mantissa) adds one to the field. At the smallest exponent the
        // base is 0, so a subnormal keeps field 0 and one that rounded up to 2^m becomes the
        // smallest normal.
        long fieldBase = resultExponent + format.bias() - 1;
        long magnitude = (fieldBase << mantissaBits) + kept;
        if (magnitude > format.maxFiniteBits()) {
            return overflowResult(format, negative, overflow);
        }
        return sign | (int) magnitude;
    }

    /**
     * The result of an overflow or of converting an infinity: ±max when saturating, otherwise
     * ±infinity, or the canonical NaN for a format without infinities.
     */
    public static int overflowResult(FpFormat format, boolean negative, Saturation overflow) {
        int sign = negative ? format.signMask() : 0;
        if (overflow == Saturation.SATURATING) {
            return sign | format.maxFiniteBits();
        }
        return format.hasInfinity() ? sign | format.infinityBits() : format.canonicalNaN();
    }
}
