package sohu.core.xformer;

/**
 * Error of an FP32 result against a double-precision reference, in units in the last place of
 * FP32 at the reference's magnitude (subnormal spacing 2^-149 below the smallest normal; an
 * infinite result counts as 2^128, the first value past the maximum, unless the reference rounds to
 * that infinity too).
 */
public final class UlpError {
    private UlpError() {
    }

    /** @return the ULP of FP32 at the magnitude of {@code ref} */
    public static double ulp(double ref) {
        int e = Math.max(Math.getExponent(ref), -126);
        return Math.scalb(1.0, e - 23);
    }

    /**
     * @return {@code |result − ref| / ulp(ref)}; 0 when {@code ref} rounds to the infinite result or both are NaN,
     *     infinity when exactly one is NaN
     */
    public static double of(int result, double ref) {
        double r = Fp32.value(result);
        if (Double.isNaN(r) || Double.isNaN(ref)) {
            return Double.isNaN(r) && Double.isNaN(ref) ? 0 : Double.POSITIVE_INFINITY;
        }
        if (Double.isInfinite((float) ref) && r == (float) ref) {
            return 0; // the reference rounds to the same infinity
        }
        if (Double.isInfinite(r)) {
            r = Math.copySign(0x1p128, r);
        }
        if (Double.isInfinite(ref)) {
            ref = Math.copySign(0x1p128, ref);
        }
        return Math.abs(r - ref) / ulp(ref);
    }
}
