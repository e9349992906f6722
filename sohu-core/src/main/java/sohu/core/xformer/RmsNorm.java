package sohu.core.xformer;

/**
 * Golden model of RMSNorm, {@code x · rsqrt(mean(x²) + ε) · gain}: the sum of squares by
 * {@link RowReduce} on {@code L} lanes, then one FMA {@code v = ss·(1/n) + ε} with {@code 1/n}
 * rounded to FP32 (exact when {@code n} is a power of two), {@code r = rsqrt(v)} by
 * {@link Rsqrt}, and per element two multiplies {@code (x·r)·gain}.
 */
public final class RmsNorm {
    private RmsNorm() {
    }

    /**
     * Normalises one row.
     *
     * @param x the row (FP32 encodings)
     * @param gain the per-column gain, as long as the row
     * @param epsilon FP32 encoding of ε
     * @param lanes the unit's lane count (fixes the summation order)
     */
    public static int[] normalize(int[] x, int[] gain, int epsilon, int lanes) {
        int r = scale(x, epsilon, lanes);
        int[] scaled = Elementwise.scalar(Elementwise.Op.MUL, x, r);
        return Elementwise.rows(Elementwise.Op.MUL, scaled, gain);
    }

    /** {@code rsqrt(mean(x²) + ε)}, the row's scale factor. */
    public static int scale(int[] x, int epsilon, int lanes) {
        int ss = RowReduce.reduce(RowReduce.Kind.SUM_OF_SQUARES, x, lanes);
        int v = Fp32.fma(ss, Fp32.of(1.0 / x.length), epsilon);
        return Rsqrt.rsqrt(v);
    }
}
