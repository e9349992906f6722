package sohu.core.fp;

/**
 * What a rounding conversion does with a result that is too large for the target format, as in the
 * OCP 8-bit Floating Point Specification (OFP8) rev 1.0, section "conversion from wider formats".
 *
 * <p>Overflow means: the value rounded to nearest-even with an unbounded exponent is larger in
 * magnitude than the format's maximum finite value. So E4M3 overflows above 464 (the tie between
 * 448 and the unencodable 480 goes to the even 448) and E5M2 from 61440 on (the tie goes to the
 * even 65536).
 */
public enum Saturation {
    /** Overflow and infinite inputs give the maximum finite value with the input's sign. */
    SATURATING,
    /**
     * Overflow and infinite inputs give infinity with the input's sign, or for a format without
     * infinities ({@link FpFormat#E4M3}) the format's canonical NaN. This is IEEE 754 behaviour.
     */
    NON_SATURATING
}
