package sohu.core.xformer;

import sohu.core.fp.FpFormat;

/**
 * Golden model of the lane's reciprocal {@code 1/x}: the significand {@code m ∈ [1, 2)} of
 * {@code |x|} (subnormals normalised first) indexes a 128-entry seed table by its top 7 mantissa
 * bits, two Newton-Raphson steps on the FMA ({@code e = 1 - m·y}, {@code y = y + y·e}, each one
 * FMA) refine it to {@code 1/m ∈ (1/2, 1]}, and the exponent {@code -E} is applied by the one
 * rounder (so subnormal results round once from {@code y}).
 *
 * <p>Specials: NaN gives the canonical NaN, {@code ±0} gives {@code ±∞}, {@code ±∞} gives
 * {@code ±0}; results above the FP32 maximum become {@code ±∞}.
 */
public final class Reciprocal {
    /** Seed-table index bits (top mantissa bits of {@code m}). */
    public static final int SEED_BITS = 7;
    /** Newton-Raphson steps after the seed. */
    public static final int STEPS = 2;

    private static final int[] SEEDS = seeds();
    private static final FpFormat F = FpFormat.FP32;

    private Reciprocal() {
    }

    /** @return the seed table: FP32 of {@code 1/m} at the midpoint of each of the 128 intervals */
    public static int[] seeds() {
        int[] t = new int[1 << SEED_BITS];
        for (int k = 0; k < t.length; k++) {
            t[k] = Fp32.of(1.0 / (1.0 + (k + 0.5) / t.length));
        }
        return t;
    }

    /** {@code 1/x} of an FP32 encoding. */
    public static int reciprocal(int x) {
        if (F.isNaN(x)) {
            return Fp32.NAN;
        }
        int sign = x & Fp32.NEG_ZERO;
        if (F.isZero(x)) {
            return sign | Fp32.POS_INF;
        }
        if (F.isInfinite(x)) {
            return sign;
        }
        Normalized n = Normalized.of(x);
        int m = n.mantissa1();
        int y = SEEDS[n.topBits(SEED_BITS)];
        for (int s = 0; s < STEPS; s++) {
            int e = Fp32.fma(Fp32.negate(m), y, Fp32.ONE);
            y = Fp32.fma(y, e, y);
        }
        return Fp32.round(sign != 0, F.significand(y), F.exponent(y) - n.exponent());
    }
}
