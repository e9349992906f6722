package sohu.core.fp;

import java.util.Objects;

/**
 * An exact floating-point value, independent of any format: {@code (-1)^negative × significand ×
 * 2^exponent} for finite kinds. Zeros, infinities and NaNs carry significand 0 and exponent 0.
 *
 * @param kind the class; {@link FpClass#SUBNORMAL} and {@link FpClass#NORMAL} only describe how
 *     the value was encoded and are not checked against the significand
 * @param negative the sign (kept for zeros and infinities; meaningless for NaN)
 * @param significand a non-negative integer, nonzero exactly for subnormal and normal kinds
 * @param exponent weight of the significand's least significant bit
 */
public record FpValue(FpClass kind, boolean negative, long significand, int exponent) {

    /** Validates that the significand agrees with the kind. */
    public FpValue {
        Objects.requireNonNull(kind, "kind");
        boolean nonzeroFinite = kind == FpClass.SUBNORMAL || kind == FpClass.NORMAL;
        if (significand < 0 || nonzeroFinite != (significand != 0)) {
            throw new IllegalArgumentException("significand " + significand + " invalid for " + kind);
        }
        if (!nonzeroFinite && exponent != 0) {
            throw new IllegalArgumentException("exponent must be 0 for " + kind);
        }
    }

    /** Decomposes a double exactly (NaN, infinities and signed zeros included). */
    public static FpValue of(double value) {
        long bits = Double.doubleToRawLongBits(value);
        boolean negative = bits < 0;
        if (Double.isNaN(value)) {
            return new FpValue(FpClass.NAN, negative, 0, 0);
        }
        if (Double.isInfinite(value)) {
            return new FpValue(FpClass.INFINITE, negative, 0, 0);
        }
        if (value == 0) {
            return new FpValue(FpClass.ZERO, negative, 0, 0);
        }
        int field = (int) (bits >>> 52) & 0x7FF;
        long mantissa = bits & ((1L << 52) - 1);
        return field == 0
                ? new FpValue(FpClass.SUBNORMAL, negative, mantissa, -1074)
                : new FpValue(FpClass.NORMAL, negative, mantissa | (1L << 52), field - 1075);
    }

    /** @return whether the value is finite (zero, subnormal or normal) */
    public boolean isFinite() {
        return kind.isFinite();
    }

    /**
     * Exact conversion to double; exact for every value decoded from an {@link FpFormat}. NaN gives
     * {@link Double#NaN}.
     */
    public double toDouble() {
        switch (kind) {
            case NAN:
                return Double.NaN;
            case INFINITE:
                return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            default:
                double magnitude = Math.scalb((double) significand, exponent);
                return negative ? -magnitude : magnitude;
        }
    }

    /**
     * Compares values rather than representations: true if both are NaN, or both have the same
     * sign and the same magnitude (same significand × 2^exponent, however it is scaled).
     */
    public boolean sameValue(FpValue other) {
        if (kind == FpClass.NAN || other.kind == FpClass.NAN) {
            return kind == other.kind;
        }
        if (negative != other.negative || (kind == FpClass.INFINITE) != (other.kind == FpClass.INFINITE)) {
            return false;
        }
        if (significand == 0 || other.significand == 0) {
            return significand == other.significand;
        }
        int tz = Long.numberOfTrailingZeros(significand);
        int otherTz = Long.numberOfTrailingZeros(other.significand);
        return significand >>> tz == other.significand >>> otherTz
                && (long) exponent + tz == (long) other.exponent + otherTz;
    }
}
