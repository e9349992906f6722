package sohu.core.xformer;

import sohu.core.fp.FpFormat;

/**
 * Golden model of SiLU, {@code x·σ(x) = x / (1 + e^-x)}, from the lane's {@link Exp} and
 * {@link Reciprocal}: {@code t = exp(-x)}, {@code d = 1 + t}, {@code out = x · recip(d)}. Below
 * {@value #SMALL_X} (where {@code e^-x} would overflow long before the result underflows) the lane
 * uses {@code out = x · exp(x)} instead, which equals the former to FP32 precision there; that
 * branch computes {@code e^x·2^64} (an exponent offset in the exp unit), multiplies by {@code x} and
 * scales by {@code 2^-64} in the rounder, so results near underflow round from 24 bits, not from a
 * subnormal {@code e^x}.
 *
 * <p>Specials: NaN gives the canonical NaN, {@code +∞} gives {@code +∞}, {@code -∞} gives
 * {@code -0} (the limit).
 */
public final class Silu {
    /** Below this input the lane takes the {@code x·e^x} branch. */
    public static final double SMALL_X = -20.0;
    /** FP32 encoding of {@link #SMALL_X}. */
    public static final int SMALL_X_BITS = Fp32.of(SMALL_X);
    /** Exponent offset of {@code e^x} in the small branch, so {@code x·e^x} stays normal until the final scale. */
    public static final int SMALL_OFFSET = 64;

    private static final FpFormat F = FpFormat.FP32;

    private Silu() {
    }

    /** SiLU of an FP32 encoding. */
    public static int silu(int x) {
        if (F.isNaN(x)) {
            return Fp32.NAN;
        }
        if (x == Fp32.NEG_INF) {
            return Fp32.NEG_ZERO;
        }
        if (Fp32.orderKey(x) < Fp32.orderKey(SMALL_X_BITS)) {
            return Fp32.scale(Fp32.mul(x, Exp.exp(x, SMALL_OFFSET)), -SMALL_OFFSET);
        }
        int t = Exp.exp(Fp32.negate(x));
        return Fp32.mul(x, Reciprocal.reciprocal(Fp32.add(Fp32.ONE, t)));
    }
}
