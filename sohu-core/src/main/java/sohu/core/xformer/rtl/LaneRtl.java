package sohu.core.xformer.rtl;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.SInt;
import static sohu.hdl.Types.UInt;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import sohu.core.fp.FpFormat;
import sohu.core.fp.rtl.FmaTile;
import sohu.core.fp.rtl.LeadingZeroCount;
import sohu.hdl.Bits;
import sohu.hdl.Bool;
import sohu.hdl.Hw;
import sohu.hdl.InstanceHandle;
import sohu.hdl.Mem;
import sohu.hdl.Module;
import sohu.hdl.SInt;
import sohu.hdl.UInt;

/**
 * Helpers of the lane generators: pipeline registers, delay lines, FP32 FMA instances and the one
 * FP32 rounder that every nonlinear unit ends with (the hardware of
 * {@link sohu.core.fp.FpRounding#roundToNearestEven} for FP32).
 */
abstract class LaneRtl extends Module {
    /** Latency of the FMA tiles the lanes instantiate. */
    static final int FMA_LATENCY = 1;

    private int fmaCount;

    /** {@code value} one cycle later, in a register named {@code name}. */
    final <T extends Bits> T pipe(String name, T value) {
        T r = reg(name, typeOf(value));
        r.set(value);
        return r;
    }

    /** {@code value} one cycle later (a Bool). */
    final Bool pipe(String name, Bool value) {
        Bool r = reg(name, Bool(), 0);
        r.set(value);
        return r;
    }

    /** {@code value} {@code cycles} cycles later (registers {@code name_d1 .. name_dN}). */
    final <T extends Bits> T delay(String name, T value, int cycles) {
        T v = value;
        for (int i = 1; i <= cycles; i++) {
            v = pipe(name + "_d" + i, v);
        }
        return v;
    }

    /** The valid bit {@code cycles} later (reset to 0). */
    final Bool delayValid(String name, Bool value, int cycles) {
        Bool v = value;
        for (int i = 1; i <= cycles; i++) {
            v = pipe(name + "_d" + i, v);
        }
        return v;
    }

    /** An FP32 FMA tile computing {@code a × b + c}, result {@value #FMA_LATENCY} cycle later. */
    final UInt fma(UInt a, UInt b, UInt c) {
        InstanceHandle h = instance("fma" + fmaCount++, FmaTile.class, new FmaTile.Params(FpFormat.FP32, FMA_LATENCY));
        h.bool("in_valid").set(bool(true));
        h.uint("a").set(a);
        h.uint("b").set(b);
        h.uint("c").set(c);
        return h.uint("out");
    }

    /** Fields of an FP32 input with the magnitude normalised to {@code 1.mantissa × 2^exponent}. */
    record Normal(Bool sign, Bool nan, Bool zero, Bool infinite, UInt mantissa, SInt exponent) { }

    /**
     * Decodes {@code x} and shifts a subnormal significand up to its leading one (as
     * {@code sohu.core.xformer.Normalized}); {@code exponent} is 10-bit signed (-149..127).
     */
    final Normal normalize(String p, UInt x) {
        UInt field = x.slice(30, 23);
        UInt mant = x.slice(22, 0);
        Bool fieldZero = field.eq(0);
        Bool fieldOnes = field.andR();
        Bool mantZero = mant.eq(0);
        UInt sig = named(p + "_sig", Hw.cat(fieldZero.not(), mant));
        InstanceHandle lzc = instance(p + "_lzc", LeadingZeroCount.class, new LeadingZeroCount.Params(24));
        lzc.uint("value").set(sig);
        UInt lz = named(p + "_lz", lzc.uint("count"));
        UInt shifted = named(p + "_normalized", sig.shl(lz));
        UInt fieldMin1 = Hw.cat(field.slice(7, 1), field.bit(0).or(fieldZero));
        SInt exponent = named(p + "_exponent",
                fieldMin1.zext(10).subWrap(127).subWrap(lz.zext(10)).asSInt());
        return new Normal(x.msb(), named(p + "_nan", fieldOnes.and(mantZero.not())),
                named(p + "_zero", fieldZero.and(mantZero)), named(p + "_inf", fieldOnes.and(mantZero)),
                shifted.slice(22, 0), exponent);
    }

    /** A read-only table (registered read) of FP32 words. */
    final Mem rom(String name, int[] words) {
        List<BigInteger> init = new ArrayList<>();
        for (int w : words) {
            init.add(BigInteger.valueOf(w & 0xFFFFFFFFL));
        }
        return mem(name, 32, words.length, init);
    }

    /**
     * The final stage of the seed-plus-Newton units: {@code ±y × 2^-shift} rounded once, where
     * {@code y} is a normal FP32 encoding and {@code shift} a signed exponent.
     */
    final UInt scaleRound(String p, Bool sign, UInt y, SInt shift) {
        SInt lead = named(p + "_lead", y.slice(30, 23).zext(11).subWrap(127).asSInt().subWrap(shift.sext(11)));
        return Hw.cat(sign, roundFp32(p, Hw.cat(bool(true), y.slice(22, 0)), lead));
    }

    /**
     * {@link sohu.core.xformer.Fp32#max}: NaN if either is NaN, else the larger with -0 below +0,
     * {@code a} on ties.
     */
    final UInt maxFp32(UInt a, UInt b) {
        Bool aNaN = a.slice(30, 23).andR().and(a.slice(22, 0).ne(0));
        Bool bNaN = b.slice(30, 23).andR().and(b.slice(22, 0).ne(0));
        UInt ma = a.slice(30, 0);
        UInt mb = b.slice(30, 0);
        Bool aNeg = a.msb();
        Bool bNeg = b.msb();
        Bool aWins = Hw.mux(aNeg.xor(bNeg), bNeg, Hw.mux(aNeg, ma.le(mb), ma.ge(mb)));
        return Hw.mux(aNaN.or(bNaN), uint(0x7FC00000L, 32), Hw.mux(aWins, a, b));
    }

    /** The sign bit of an FP32 encoding flipped. */
    static UInt negate(UInt x) {
        return Hw.cat(x.msb().not(), x.slice(30, 0));
    }

    /**
     * Rounds a positive {@code sig × 2^(lead − (w−1))} to an FP32 magnitude (31 bits), where
     * {@code sig}'s top bit is its leading one and {@code lead} is the signed unbiased exponent of
     * that bit: subnormal results round at 2^-149, overflow gives infinity.
     */
    final UInt roundFp32(String prefix, UInt sig, SInt lead) {
        int w = sig.width();
        int pad = 26; // a shift of 26 or more leaves nothing above half the smallest subnormal
        int lw = lead.width() + 1;
        SInt leadX = lead.sext(lw);
        Bool subnormal = named(prefix + "_subnormal", leadX.lt(-126));
        UInt extraRaw = named(prefix + "_extra", sint(-126, lw).subWrap(leadX).asUInt());
        UInt extra = named(prefix + "_extra_clamped",
                Hw.mux(subnormal, Hw.mux(extraRaw.gt(uint(pad, lw)), uint(pad, lw), extraRaw), uint(0, lw)));
        UInt shifted = named(prefix + "_shifted", Hw.cat(sig, uint(0, pad)).shr(extra));
        int top = w + pad - 1;
        UInt kept = named(prefix + "_kept", shifted.slice(top, top - 23));
        Bool round = shifted.bit(top - 24);
        Bool sticky = shifted.slice(top - 25, 0).orR();
        Bool up = named(prefix + "_up", round.and(sticky.or(kept.bit(0))));
        UInt fieldBase = named(prefix + "_field_base", Hw.mux(subnormal, uint(0, lw), leadX.addWrap(sint(126, lw)).asUInt()));
        UInt magnitude = named(prefix + "_magnitude",
                Hw.cat(fieldBase, uint(0, 23)).addWrap(kept.zext(lw + 23)).addWrap(up.zext(lw + 23)));
        Bool overflow = named(prefix + "_overflow", magnitude.ge(0x7F800000L));
        return named(prefix + "_rounded", Hw.mux(overflow, uint(0x7F800000L, 31), magnitude.slice(30, 0)));
    }

    @SuppressWarnings("unchecked")
    private static <T extends Bits> sohu.hdl.HwType<T> typeOf(T value) {
        sohu.hdl.HwType<?> t = value instanceof Bool ? Bool() : value instanceof SInt ? SInt(value.width())
                : UInt(value.width());
        return (sohu.hdl.HwType<T>) t;
    }
}
