package sohu.core.xformer.rtl;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;

import sohu.core.xformer.Silu;
import sohu.core.xformer.SwiGlu;
import sohu.hdl.Bool;
import sohu.hdl.Hw;
import sohu.hdl.InstanceHandle;
import sohu.hdl.SInt;
import sohu.hdl.UInt;

/**
 * One lane's SiLU and SwiGLU, bit-identical to {@link Silu#silu(int)} and
 * {@link SwiGlu#swiglu(int, int)}: an {@link ExpUnit} on {@code -x} (or on {@code x} with offset
 * 64 below -20), an FMA for {@code 1 + t}, a {@link ReciprocalUnit}, an FMA for {@code x·r}; the
 * small branch multiplies {@code x·t} and scales by 2^-64 in a rounder. With {@code swiglu} high
 * the result is further multiplied by {@code up}. Latency {@value #LATENCY} for both.
 * Ports: {@code clk}, {@code rst}, {@code in_valid}, {@code in} (32, the gate),
 * {@code up} (32), {@code swiglu}, {@code out_valid}, {@code out} (32).
 *
 * <p>The lane shares the exponential, the reciprocal and the {@code x·r} multiply with its other
 * opcodes through these ports (all low / unused for SiLU): with {@code exp_sel} the exponential
 * takes {@code exp_in} (offset 0) and its result is {@code exp_out} {@value ExpUnit#LATENCY}
 * cycles later; with {@code recip_sel} the reciprocal takes {@code recip_in} instead of
 * {@code 1 + t} (presented {@link #RECIP_STAGE} cycles after {@code in}), its result is
 * {@code recip_out} and {@code xr_out} is {@code in × recip_out} (of the {@code in} of
 * {@link #RECIP_STAGE} + {@code ReciprocalUnit.LATENCY} cycles before), one cycle later. The
 * lane never has two opcodes in flight (the vector unit drains between instructions), so the
 * shared paths never collide.
 */
public final class SiluUnit extends LaneRtl {
    /** Cycles of SiLU. */
    private static final int SILU_LATENCY = ExpUnit.LATENCY + 2 * FMA_LATENCY + ReciprocalUnit.LATENCY;
    /** Cycles from {@code in} to {@code out}: SiLU then the SwiGLU multiply. */
    public static final int LATENCY = SILU_LATENCY + FMA_LATENCY;
    /** Cycles from {@code in} to the reciprocal's input ({@code 1 + t}, or {@code recip_in}). */
    public static final int RECIP_STAGE = ExpUnit.LATENCY + FMA_LATENCY;
    /** Cycles from {@code in} to {@code xr_out}. */
    public static final int XR_STAGE = RECIP_STAGE + ReciprocalUnit.LATENCY + FMA_LATENCY;

    /** Builds the unit. */
    public SiluUnit() {
        name("VectorSilu");
        Bool inValid = input("in_valid", Bool());
        UInt x = input("in", UInt(32));
        UInt up = input("up", UInt(32));
        Bool swiglu = input("swiglu", Bool());
        Bool outValid = output("out_valid", Bool());
        UInt out = output("out", UInt(32));
        Bool expSel = input("exp_sel", Bool());
        UInt expIn = input("exp_in", UInt(32));
        Bool recipSel = input("recip_sel", Bool());
        UInt recipIn = input("recip_in", UInt(32));
        UInt expOut = output("exp_out", UInt(32));
        UInt recipOut = output("recip_out", UInt(32));
        UInt xrOut = output("xr_out", UInt(32));

        // x < -20 (as FP32 order: negative and magnitude above 20's).
        Bool small = named("small_x", x.msb().and(x.slice(30, 0).gt(uint(Silu.SMALL_X_BITS & 0x7FFFFFFF, 31))));
        Bool nan = named("nan", x.slice(30, 23).andR().and(x.slice(22, 0).ne(0)));
        Bool negInf = named("neg_inf", x.eq(0xFF800000L));
        InstanceHandle exp = instance("exp", ExpUnit.class, null);
        exp.bool("in_valid").set(bool(true));
        exp.uint("in").set(Hw.mux(expSel, expIn, Hw.mux(small, x, negate(x))));
        exp.uint("offset").set(Hw.mux(small.and(expSel.not()), uint(Silu.SMALL_OFFSET, 8), uint(0, 8)));
        UInt t = exp.uint("out");
        expOut.set(t);
        int e = ExpUnit.LATENCY;
        UInt xe = delay("x_exp", x, e);

        // Main branch: x · recip(1 + t).
        UInt d = fma(uint(0x3F800000L, 32), uint(0x3F800000L, 32), t); // Fp32.add(1, t)
        InstanceHandle recip = instance("recip", ReciprocalUnit.class, null);
        recip.bool("in_valid").set(bool(true));
        recip.uint("in").set(Hw.mux(recipSel, recipIn, d));
        recipOut.set(recip.uint("out"));
        UInt xr = delay("x_recip", xe, FMA_LATENCY + ReciprocalUnit.LATENCY);
        UInt main = fma(xr, recip.uint("out"), uint(0x80000000L, 32));
        xrOut.set(main);

        // Small branch: (x · t·2^64) · 2^-64, rounded once more.
        UInt p = fma(xe, t, uint(0x80000000L, 32));
        Bool pZero = p.slice(30, 0).eq(0);
        UInt scaled = named("scaled", Hw.mux(pZero, p, scaleRound("s", p.msb(), p, sint(Silu.SMALL_OFFSET, 8))));
        UInt smallOut = delay("small_out", pipe("scaled_r", scaled), SILU_LATENCY - e - 2 * FMA_LATENCY);

        Bool smallD = delay("small_x", small, SILU_LATENCY);
        Bool nanD = delay("nan", nan, SILU_LATENCY);
        Bool negInfD = delay("neg_inf", negInf, SILU_LATENCY);
        UInt silu = named("silu", Hw.mux(nanD, uint(0x7FC00000L, 32),
                Hw.mux(negInfD, uint(0x80000000L, 32), Hw.mux(smallD, smallOut, main))));
        UInt upD = delay("up", up, SILU_LATENCY);
        UInt gated = fma(silu, upD, uint(0x80000000L, 32));
        UInt siluD = delay("silu", silu, FMA_LATENCY);
        Bool swigluD = delay("swiglu", swiglu, SILU_LATENCY);
        out.set(Hw.mux(pipe("swiglu_r", swigluD), gated, siluD));
        outValid.set(delayValid("valid", inValid, LATENCY));
    }
}
