package sohu.core.fp;

/** IEEE 754 class of an encoded floating-point value (the sign is not part of the class). */
public enum FpClass {
    /** Positive or negative zero. */
    ZERO,
    /** Nonzero value with the minimum exponent field and no hidden bit. */
    SUBNORMAL,
    /** Finite value with a hidden leading one. */
    NORMAL,
    /** Positive or negative infinity (never produced by decoding {@link FpFormat#E4M3}). */
    INFINITE,
    /** Not-a-number, any payload. */
    NAN;

    /** @return true for {@link #ZERO}, {@link #SUBNORMAL} and {@link #NORMAL} */
    public boolean isFinite() {
        return this == ZERO || this == SUBNORMAL || this == NORMAL;
    }
}
