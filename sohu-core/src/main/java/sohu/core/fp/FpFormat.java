package sohu.core.fp;

/**
 * The binary floating-point formats of the accelerator: field layout, special encodings, and exact
 * decoding and encoding of bit patterns.
 *
 * <p>An encoding is held in the low {@link #width()} bits of an {@code int}; bits above are ignored
 * by every method. A finite value is {@code (-1)^sign × significand() × 2^exponent()}, where the
 * integer significand includes the hidden bit for normals, and the exponent is the weight of the
 * significand's least significant bit. Every value of every format is exactly a {@code double}
 * (and, FP32 being the widest, exactly a {@code float}).
 *
 * <p>Canonical NaNs (what this package produces for any NaN result): FP32 {@code 0x7FC00000}, BF16
 * {@code 0x7FC0}, FP16 {@code 0x7E00}, E5M2 {@code 0x7E} (positive, exponent all ones, top mantissa
 * bit set, as IEEE's default quiet NaN), and E4M3 {@code 0x7F} (its only positive NaN).
 */
public enum FpFormat {
    /** IEEE 754 binary32: 8 exponent bits, 23 mantissa bits, bias 127. */
    FP32(8, 23, true),
    /** bfloat16: FP32's top half; 8 exponent bits, 7 mantissa bits, bias 127. */
    BF16(8, 7, true),
    /** IEEE 754 binary16: 5 exponent bits, 10 mantissa bits, bias 15, max 65504. */
    FP16(5, 10, true),
    /**
     * OCP OFP8 E4M3 ("FN"): 4 exponent bits, 3 mantissa bits, bias 7, subnormals, no infinities;
     * the only NaNs are S.1111.111, so exponent field 15 holds normals up to ±448.
     */
    E4M3(4, 3, false),
    /** OCP OFP8 E5M2: IEEE-like; 5 exponent bits, 2 mantissa bits, bias 15, infinities, NaNs, max 57344. */
    E5M2(5, 2, true);

    private final int width;
    private final int exponentBits;
    private final int mantissaBits;
    private final int bias;
    private final boolean hasInfinity;
    private final int exponentFieldMax;
    private final int mantissaMask;
    private final int magnitudeMask;
    private final int signMask;
    private final int maxFiniteBits;
    private final int canonicalNaN;

    FpFormat(int exponentBits, int mantissaBits, boolean hasInfinity) {
        this.width = 1 + exponentBits + mantissaBits;
        this.exponentBits = exponentBits;
        this.mantissaBits = mantissaBits;
        this.bias = (1 << (exponentBits - 1)) - 1;
        this.hasInfinity = hasInfinity;
        this.exponentFieldMax = (1 << exponentBits) - 1;
        this.mantissaMask = (1 << mantissaBits) - 1;
        this.magnitudeMask = (1 << (width - 1)) - 1;
        this.signMask = 1 << (width - 1);
        // IEEE-like: the all-ones exponent is reserved. E4M3: only the all-ones magnitude is (NaN).
        this.maxFiniteBits = hasInfinity
                ? ((exponentFieldMax - 1) << mantissaBits) | mantissaMask
                : magnitudeMask - 1;
        this.canonicalNaN = hasInfinity
                ? (exponentFieldMax << mantissaBits) | (1 << (mantissaBits - 1))
                : magnitudeMask;
    }

    /** @return total number of bits (sign + exponent + mantissa) */
    public int width() {
        return width;
    }

    /** @return number of exponent field bits */
    public int exponentBits() {
        return exponentBits;
    }

    /** @return number of stored mantissa (trailing significand) bits, excluding the hidden bit */
    public int mantissaBits() {
        return mantissaBits;
    }

    /** @return exponent bias: a normal's value is {@code 1.m × 2^(field - bias)} */
    public int bias() {
        return bias;
    }

    /** @return whether the format encodes infinities (false only for E4M3) */
    public boolean hasInfinity() {
        return hasInfinity;
    }

    /** @return the sign bit mask, {@code 1 << (width - 1)} */
    public int signMask() {
        return signMask;
    }

    /** @return the largest finite positive encoding */
    public int maxFiniteBits() {
        return maxFiniteBits;
    }

    /** @return the largest finite value (448 for E4M3, 57344 for E5M2, 65504 for FP16) */
    public double maxFinite() {
        return toDouble(maxFiniteBits);
    }

    /** @return the smallest positive subnormal value */
    public double minSubnormal() {
        return toDouble(1);
    }

    /** @return the smallest positive normal value */
    public double minNormal() {
        return toDouble(1 << mantissaBits);
    }

    /** @return unbiased exponent of the leading one of the smallest normal, {@code 1 - bias} */
    public int minNormalExponent() {
        return 1 - bias;
    }

    /** @return the positive infinity encoding; throws for a format without infinities */
    public int infinityBits() {
        if (!hasInfinity) {
            throw new UnsupportedOperationException(this + " has no infinities");
        }
        return exponentFieldMax << mantissaBits;
    }

    /** @return the NaN this package produces for this format (see the class comment) */
    public int canonicalNaN() {
        return canonicalNaN;
    }

    /** @return the sign bit, true if negative */
    public boolean isNegative(int bits) {
        return (bits & signMask) != 0;
    }

    /** @return the raw (biased) exponent field */
    public int exponentField(int bits) {
        return (bits >>> mantissaBits) & exponentFieldMax;
    }

    /** @return the raw mantissa (trailing significand) field */
    public int mantissaField(int bits) {
        return bits & mantissaMask;
    }

    /** @return whether the encoding is a NaN */
    public boolean isNaN(int bits) {
        if (!hasInfinity) {
            return (bits & magnitudeMask) == magnitudeMask;
        }
        return exponentField(bits) == exponentFieldMax && mantissaField(bits) != 0;
    }

    /** @return whether the encoding is an infinity (never for E4M3) */
    public boolean isInfinite(int bits) {
        return hasInfinity && (bits & magnitudeMask) == (exponentFieldMax << mantissaBits);
    }

    /** @return whether the encoding is a zero of either sign */
    public boolean isZero(int bits) {
        return (bits & magnitudeMask) == 0;
    }

    /**
     * Integer significand of a finite encoding: the mantissa field, plus the hidden bit
     * {@code 1 << mantissaBits()} when the exponent field is nonzero. Meaningless for NaN/infinity.
     */
    public long significand(int bits) {
        int mantissa = mantissaField(bits);
        return exponentField(bits) == 0 ? mantissa : mantissa | (1L << mantissaBits);
    }

    /**
     * Weight of the significand's least significant bit for a finite encoding, so the value is
     * {@code significand(bits) × 2^exponent(bits)}. Subnormals share the smallest normal's exponent.
     */
    public int exponent(int bits) {
        return Math.max(exponentField(bits), 1) - bias - mantissaBits;
    }

    /** @return the class of the encoding */
    public FpClass classify(int bits) {
        if (isNaN(bits)) {
            return FpClass.NAN;
        }
        if (isInfinite(bits)) {
            return FpClass.INFINITE;
        }
        if (isZero(bits)) {
            return FpClass.ZERO;
        }
        return exponentField(bits) == 0 ? FpClass.SUBNORMAL : FpClass.NORMAL;
    }

    /** Decodes an encoding into its exact value. */
    public FpValue decode(int bits) {
        FpClass kind = classify(bits);
        boolean negative = isNegative(bits);
        return kind.isFinite() && kind != FpClass.ZERO
                ? new FpValue(kind, negative, significand(bits), exponent(bits))
                : new FpValue(kind, negative, 0, 0);
    }

    /** @return the exact value of an encoding as a double (NaN for any NaN) */
    public double toDouble(int bits) {
        return decode(bits).toDouble();
    }

    /**
     * Encodes a value that this format represents exactly. A NaN gives {@link #canonicalNaN()}.
     *
     * @throws ArithmeticException if the value is not representable (needs rounding, is out of
     *     range, or is an infinity and the format has none)
     */
    public int encode(FpValue value) {
        int sign = value.negative() ? signMask : 0;
        switch (value.kind()) {
            case NAN:
                return canonicalNaN;
            case INFINITE:
                if (!hasInfinity) {
                    throw new ArithmeticException(this + " cannot encode infinity");
                }
                return sign | infinityBits();
            default:
                int bits = FpRounding.roundToNearestEven(this, value.negative(), value.significand(),
                        value.exponent(), Saturation.NON_SATURATING);
                if (!decode(bits).sameValue(value)) {
                    throw new ArithmeticException(value + " is not exactly representable in " + this);
                }
                return bits | sign;
        }
    }

    /**
     * Encodes a double that this format represents exactly.
     *
     * @throws ArithmeticException if the value is not representable
     */
    public int encode(double value) {
        return encode(FpValue.of(value));
    }
}
