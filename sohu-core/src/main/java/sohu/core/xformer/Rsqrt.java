package sohu.core.xformer;

import sohu.core.fp.FpFormat;

/**
 * Golden model of the lane's reciprocal square root {@code 1/√x}: {@code x = m·2^(2k)} with
 * {@code m ∈ [1, 4)} (the exponent's low bit moves into {@code m}); the seed table has 128 entries
 * indexed by that bit and the top 6 mantissa bits; two Newton-Raphson steps on the FMA
 * ({@code g = m·y}, {@code e = 1 - g·y}, {@code y = y + (y/2)·e}) refine it to
 * {@code 1/√m ∈ (1/2, 1]}; the exponent {@code -k} is applied by the one rounder.
 *
 * <p>Specials (IEEE 754 rSqrt): NaN and negative nonzero inputs (including {@code -∞}) give the
 * canonical NaN, {@code ±0} gives {@code ±∞}, {@code +∞} gives {@code +0}.
 */
public final class Rsqrt {
    /** Mantissa bits in the seed index (plus the exponent's low bit). */
    public static final int SEED_MANTISSA_BITS = 6;
    /** Newton-Raphson steps after the seed. */
    public static final int STEPS = 2;
    /** FP32 encoding of 0.5. */
    static final int HALF = 0x3F000000;

    private static final int[] SEEDS = seeds();
    private static final FpFormat F = FpFormat.FP32;

    private Rsqrt() {
    }

    /**
     * @return the seed table: entry {@code (odd << 6) | k} is FP32 of {@code 1/√m} at the midpoint
     *     of interval {@code k} of {@code [1, 2)} (odd = 0) or {@code [2, 4)} (odd = 1)
     */
    public static int[] seeds() {
        int n = 1 << SEED_MANTISSA_BITS;
        int[] t = new int[2 * n];
        for (int k = 0; k < n; k++) {
            double mid = 1.0 + (k + 0.5) / n;
            t[k] = Fp32.of(1.0 / StrictMath.sqrt(mid));
            t[n + k] = Fp32.of(1.0 / StrictMath.sqrt(2 * mid));
        }
        return t;
    }

    /** {@code 1/√x} of an FP32 encoding. */
    public static int rsqrt(int x) {
        if (F.isNaN(x)) {
            return Fp32.NAN;
        }
        if (F.isZero(x)) {
            return (x & Fp32.NEG_ZERO) | Fp32.POS_INF;
        }
        if (F.isNegative(x)) {
            return Fp32.NAN;
        }
        if (F.isInfinite(x)) {
            return 0;
        }
        Normalized n = Normalized.of(x);
        int odd = n.exponent() & 1;
        int m = (127 + odd) << 23 | n.mantissa();        // m ∈ [1, 4)
        int y = SEEDS[odd << SEED_MANTISSA_BITS | n.topBits(SEED_MANTISSA_BITS)];
        for (int s = 0; s < STEPS; s++) {
            int g = Fp32.mul(m, y);
            int e = Fp32.fma(Fp32.negate(g), y, Fp32.ONE);
            y = Fp32.fma(Fp32.mul(y, HALF), e, y);
        }
        int k = (n.exponent() - odd) >> 1;
        return Fp32.round(false, F.significand(y), F.exponent(y) - k);
    }
}
