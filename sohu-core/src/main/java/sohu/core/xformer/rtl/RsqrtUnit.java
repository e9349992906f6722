package sohu.core.xformer.rtl;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;

import sohu.core.xformer.Rsqrt;
import sohu.hdl.Bool;
import sohu.hdl.Hw;
import sohu.hdl.SInt;
import sohu.hdl.UInt;

/**
 * One lane's reciprocal square root, bit-identical to {@link Rsqrt#rsqrt(int)}, one input per
 * cycle, latency {@value #LATENCY}: normalise, fold the exponent's low bit into {@code m} and read
 * the seed (1), three FP32 FMA tiles per Newton-Raphson step ({@code g = m·y},
 * {@code e = 1 - g·y}, {@code y + (y/2)·e}; {@code y/2} is an exponent decrement) (6), apply the
 * exponent and round (1). Ports as {@link ExpUnit}.
 */
public final class RsqrtUnit extends LaneRtl {
    /** Cycles from {@code in} to {@code out}. */
    public static final int LATENCY = 2 + 3 * Rsqrt.STEPS * FMA_LATENCY;

    /** Builds the unit. */
    public RsqrtUnit() {
        name("VectorRsqrt");
        Bool inValid = input("in_valid", Bool());
        UInt in = input("in", UInt(32));
        Bool outValid = output("out_valid", Bool());
        UInt out = output("out", UInt(32));
        Normal x = normalize("x", in);
        Bool odd = x.exponent().bit(0);
        int mb = Rsqrt.SEED_MANTISSA_BITS;
        UInt y = rom("seed", Rsqrt.seeds()).read(Hw.cat(odd, x.mantissa().slice(22, 23 - mb)));
        UInt m = pipe("m_s1", Hw.cat(uint(0, 1), uint(127, 8).addWrap(odd.zext(8)), x.mantissa()));
        int chain = 3 * Rsqrt.STEPS * FMA_LATENCY;
        for (int s = 0; s < Rsqrt.STEPS; s++) {
            UInt g = fma(m, y, uint(0x80000000L, 32));
            UInt y1 = delay("y" + s + "a", y, FMA_LATENCY);
            UInt e = fma(negate(g), y1, uint(0x3F800000L, 32));
            UInt y2 = delay("y" + s + "b", y1, FMA_LATENCY);
            UInt half = named("half" + s, y2.subWrap(1L << 23));
            y = fma(half, e, y2);
            if (s + 1 < Rsqrt.STEPS) { // the last step needs m no more
                m = delay("m" + s, m, 3 * FMA_LATENCY);
            }
        }
        // k = (E - odd) / 2: E with its low bit cleared, shifted arithmetically.
        SInt k = named("k", x.exponent().sra(1));
        SInt kd = delay("k", pipe("k_s1", k), chain);
        Bool sign = delay("sign", pipe("sign_s1", x.sign()), chain);
        Bool nan = delay("nan", pipe("nan_s1", x.nan().or(x.sign().and(x.zero().not()))), chain);
        Bool zero = delay("zero", pipe("zero_s1", x.zero()), chain);
        Bool inf = delay("inf", pipe("inf_s1", x.infinite()), chain);
        UInt rounded = scaleRound("r", bool(false), y, kd);
        UInt result = Hw.mux(nan, uint(0x7FC00000L, 32), Hw.mux(zero, Hw.cat(sign, uint(0x7F800000L, 31)),
                Hw.mux(inf, uint(0, 32), rounded)));
        out.set(pipe("out_r", result));
        outValid.set(delayValid("valid", inValid, LATENCY));
    }
}
