package sohu.core.xformer.rtl;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;

import sohu.core.xformer.VectorOp;
import sohu.hdl.Bool;
import sohu.hdl.Hw;
import sohu.hdl.InstanceHandle;
import sohu.hdl.UInt;

/**
 * One lane of the vector unit: every {@link VectorOp} on one element per cycle, bit-identical to
 * {@link VectorOp#apply}. The result of the element's opcode is taken after {@value #LATENCY}
 * cycles. EXP_SUB, RECIP and MUL_RECIP use the exponential, the reciprocal and the {@code x·r}
 * multiply of the {@link SiluUnit} (at other stages than SiLU does), so the opcode must stay the
 * same while elements are in flight: the vector unit drains between instructions.
 * The paths' own latencies: ADD/MUL/FMA (scalar and row) 1, EXP_SUB 6, RECIP 12, MUL_RECIP 13, RSQRT 9, NORM 11,
 * SILU and SWIGLU 14 ({@link SiluUnit#LATENCY}).
 * Ports: {@code clk}, {@code rst}, {@code in_valid}, {@code op} ({@value VectorOp#BITS}),
 * {@code a}, {@code b}, {@code c}, {@code s}, {@code s2}, {@code s3} (32), {@code masked}, {@code out_valid},
 * {@code out} (32).
 */
public final class VectorLane extends LaneRtl {
    /** Cycles from the operands to the result, for every opcode. */
    public static final int LATENCY = SiluUnit.LATENCY;

    /** Each opcode's own path latency (before the padding to {@link #LATENCY}). */
    public static final java.util.Map<String, Integer> OP_LATENCIES = opLatencies();

    private static final long ONE = 0x3F800000L;
    private static final long NEG_ZERO = 0x80000000L;

    /** Builds the lane. */
    public VectorLane() {
        name("VectorLane");
        Bool inValid = input("in_valid", Bool());
        UInt op = input("op", UInt(VectorOp.BITS));
        UInt a = input("a", UInt(32));
        UInt b = input("b", UInt(32));
        UInt c = input("c", UInt(32));
        UInt s = input("s", UInt(32));
        UInt s2 = input("s2", UInt(32));
        UInt s3 = input("s3", UInt(32));
        Bool masked = input("masked", Bool());
        Bool outValid = output("out_valid", Bool());
        UInt out = output("out", UInt(32));

        // Path 1: the pre-op FMA (ADD/MUL/FMA results, exp's a - s, NORM's s·s2 + s3).
        UInt fa = pick(op, a, s, VectorOp.NORM);
        UInt fb = Hw.mux(anyOf(op, VectorOp.MUL_ROW, VectorOp.FMA_ROW).or(is(op, VectorOp.FMS_ROW)), b, Hw.mux(anyOf(op, VectorOp.MUL_SCALAR, VectorOp.FMA_SCALAR),
                s, Hw.mux(is(op, VectorOp.NORM), s2, uint(ONE, 32))));
        UInt fc = Hw.mux(is(op, VectorOp.FMA_ROW), c, Hw.mux(is(op, VectorOp.FMS_ROW), negate(c),
                Hw.mux(is(op, VectorOp.ADD_ROW), b, Hw.mux(is(op, VectorOp.ADD_SCALAR), s,
                Hw.mux(is(op, VectorOp.FMA_SCALAR), s2, Hw.mux(is(op, VectorOp.EXP_SUB), negate(s),
                        Hw.mux(is(op, VectorOp.NORM), s3, uint(NEG_ZERO, 32))))))));
        UInt pre = fma(fa, fb, fc);

        UInt rsqrt = unit("rsqrt", RsqrtUnit.class,
                Hw.mux(pipe("norm_s1", is(op, VectorOp.NORM)), pre, pipe("a_s1", a)));  // 1 + 8
        UInt scaled = fma(delay("a_norm", a, 1 + RsqrtUnit.LATENCY), rsqrt, uint(NEG_ZERO, 32)); // 10
        UInt norm = fma(scaled, delay("b_norm", b, 2 + RsqrtUnit.LATENCY), uint(NEG_ZERO, 32)); // 11
        InstanceHandle silu = instance("silu_unit", SiluUnit.class, null);
        silu.bool("in_valid").set(bool(true));
        silu.uint("in").set(a);
        silu.uint("up").set(b);
        silu.bool("swiglu").set(is(op, VectorOp.SWIGLU));
        UInt siluOut = silu.uint("out");                                       // 14
        // Shared: exp of the pre-op result (1 + 5), the reciprocal of a or s from stage 6 (+ 6),
        // and a × recip(s) (+ 1).
        silu.bool("exp_sel").set(pipe("exp_sel", is(op, VectorOp.EXP_SUB)));
        silu.uint("exp_in").set(pre);
        UInt exp = silu.uint("exp_out");
        silu.bool("recip_sel").set(delay("recip_sel", anyOf(op, VectorOp.RECIP, VectorOp.MUL_RECIP), SiluUnit.RECIP_STAGE));
        silu.uint("recip_in").set(delay("recip_in", pick(op, a, s, VectorOp.MUL_RECIP), SiluUnit.RECIP_STAGE));
        UInt recip = silu.uint("recip_out");
        UInt mulRecip = silu.uint("xr_out");

        // Special results decided from the operands, carried to the end.
        Bool expZero = named("exp_zero", is(op, VectorOp.EXP_SUB).and(masked.or(s.eq(0xFF800000L))));
        Bool recipZero = named("recip_zero", is(op, VectorOp.MUL_RECIP).and(s.slice(30, 0).eq(0)));
        Bool negInf = named("mask_neg_inf", masked.and(is(op, VectorOp.EXP_SUB).not()));
        UInt opD = delay("op", op, LATENCY);
        UInt result = Hw.mux(anyOf(opD, VectorOp.SILU, VectorOp.SWIGLU), siluOut,
                Hw.mux(is(opD, VectorOp.NORM), delay("norm", norm, LATENCY - 11),
                Hw.mux(is(opD, VectorOp.RSQRT), delay("rsqrt", rsqrt, LATENCY - 9),
                Hw.mux(is(opD, VectorOp.MUL_RECIP), delay("mul_recip", mulRecip, LATENCY - SiluUnit.XR_STAGE),
                Hw.mux(is(opD, VectorOp.RECIP), delay("recip", recip, LATENCY - SiluUnit.XR_STAGE + 1),
                Hw.mux(is(opD, VectorOp.EXP_SUB), delay("exp", exp, LATENCY - 6),
                        delay("pre", pre, LATENCY - 1)))))));
        Bool zeroD = delay("zero_result", expZero.or(recipZero), LATENCY);
        Bool negInfD = delay("neg_inf_result", negInf, LATENCY);
        out.set(Hw.mux(negInfD, uint(0xFF800000L, 32), Hw.mux(zeroD, uint(0, 32), result)));
        outValid.set(delayValid("valid", inValid, LATENCY));
    }

    private static java.util.Map<String, Integer> opLatencies() {
        java.util.Map<String, Integer> m = new java.util.LinkedHashMap<>();
        for (VectorOp op : VectorOp.values()) {
            m.put(op.name(), switch (op) {
                case ADD_ROW, MUL_ROW, ADD_SCALAR, MUL_SCALAR, FMA_SCALAR, FMA_ROW, FMS_ROW -> FMA_LATENCY;
                case EXP_SUB -> FMA_LATENCY + ExpUnit.LATENCY;
                case RECIP -> SiluUnit.XR_STAGE - FMA_LATENCY;
                case MUL_RECIP -> SiluUnit.XR_STAGE;
                case RSQRT -> FMA_LATENCY + RsqrtUnit.LATENCY;
                case NORM -> 3 * FMA_LATENCY + RsqrtUnit.LATENCY;
                case SILU, SWIGLU -> SiluUnit.LATENCY;
            });
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    private UInt unit(String name, Class<? extends LaneRtl> generator, UInt in) {
        InstanceHandle h = instance(name, generator, null);
        h.bool("in_valid").set(bool(true));
        h.uint("in").set(in);
        if (generator == ExpUnit.class) {
            h.uint("offset").set(uint(0, 8));
        }
        return h.uint("out");
    }

    private UInt pick(UInt op, UInt a, UInt s, VectorOp whenS) {
        return Hw.mux(is(op, whenS), s, a);
    }

    private Bool is(UInt op, VectorOp o) {
        return op.eq(o.ordinal());
    }

    private Bool anyOf(UInt op, VectorOp x, VectorOp y) {
        return is(op, x).or(is(op, y));
    }
}
