package sohu.core.xformer.rtl;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;

import sohu.core.xformer.Reciprocal;
import sohu.hdl.Bool;
import sohu.hdl.Hw;
import sohu.hdl.SInt;
import sohu.hdl.UInt;

/**
 * One lane's reciprocal, bit-identical to {@link Reciprocal#reciprocal(int)}, one input per cycle,
 * latency {@value #LATENCY}: normalise and read the seed (1), four FP32 FMA tiles for the two
 * Newton-Raphson steps (4), apply the exponent and round (1). Ports as {@link ExpUnit}.
 */
public final class ReciprocalUnit extends LaneRtl {
    /** Cycles from {@code in} to {@code out}. */
    public static final int LATENCY = 2 + 2 * Reciprocal.STEPS * FMA_LATENCY;

    /** Builds the unit. */
    public ReciprocalUnit() {
        name("VectorReciprocal");
        Bool inValid = input("in_valid", Bool());
        UInt in = input("in", UInt(32));
        Bool outValid = output("out_valid", Bool());
        UInt out = output("out", UInt(32));
        Normal x = normalize("x", in);
        UInt y = rom("seed", Reciprocal.seeds()).read(x.mantissa().slice(22, 23 - Reciprocal.SEED_BITS));
        UInt m = pipe("m_s1", Hw.cat(uint(127, 9), x.mantissa()));
        int chain = 2 * Reciprocal.STEPS * FMA_LATENCY;
        for (int s = 0; s < Reciprocal.STEPS; s++) {
            UInt e = fma(negate(m), y, uint(0x3F800000L, 32));
            UInt yd = delay("y" + s, y, FMA_LATENCY);
            y = fma(yd, e, yd);
            if (s + 1 < Reciprocal.STEPS) { // the last step needs m no more
                m = delay("m" + s, m, 2 * FMA_LATENCY);
            }
        }
        Bool sign = delay("sign", pipe("sign_s1", x.sign()), chain);
        SInt exponent = delay("exponent", pipe("exponent_s1", x.exponent()), chain);
        Bool nan = delay("nan", pipe("nan_s1", x.nan()), chain);
        Bool zero = delay("zero", pipe("zero_s1", x.zero()), chain);
        Bool inf = delay("inf", pipe("inf_s1", x.infinite()), chain);
        UInt rounded = scaleRound("r", sign, y, exponent);
        UInt result = Hw.mux(nan, uint(0x7FC00000L, 32), Hw.mux(zero, Hw.cat(sign, uint(0x7F800000L, 31)),
                Hw.mux(inf, Hw.cat(sign, uint(0, 31)), rounded)));
        out.set(pipe("out_r", result));
        outValid.set(delayValid("valid", inValid, LATENCY));
    }
}
