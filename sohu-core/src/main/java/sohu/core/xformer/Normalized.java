package sohu.core.xformer;

import sohu.core.fp.FpFormat;

/**
 * A finite nonzero FP32 magnitude as {@code 1.mantissa × 2^exponent}, subnormals shifted up to a
 * leading one (the lanes' leading-zero count), for the units that work on {@code m ∈ [1, 2)}.
 *
 * @param mantissa the 23 bits after the leading one
 * @param exponent the unbiased exponent of the leading one (-149 to 127)
 */
record Normalized(int mantissa, int exponent) {
    private static final FpFormat F = FpFormat.FP32;

    /** Normalises a finite nonzero encoding (the sign is ignored). */
    static Normalized of(int x) {
        long sig = F.significand(x);
        int lead = 63 - Long.numberOfLeadingZeros(sig);
        int mantissa = (int) ((sig << (23 - lead)) & 0x7FFFFF);
        return new Normalized(mantissa, F.exponent(x) + lead);
    }

    /** FP32 encoding of {@code 1.mantissa}, in [1, 2). */
    int mantissa1() {
        return Fp32.ONE | mantissa;
    }

    /** The top {@code bits} mantissa bits. */
    int topBits(int bits) {
        return mantissa >>> (23 - bits);
    }
}
