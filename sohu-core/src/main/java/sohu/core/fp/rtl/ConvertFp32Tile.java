package sohu.core.fp.rtl;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import sohu.core.fp.FpConvert;
import sohu.core.fp.FpFormat;
import sohu.core.fp.FpRounding;
import sohu.core.fp.Saturation;
import sohu.hdl.Bool;
import sohu.hdl.Hw;
import sohu.hdl.Types;
import sohu.hdl.UInt;

/**
 * FP32 to a narrower format, rounded to nearest even, bit-identical to
 * {@link FpConvert#narrow(int, FpFormat, Saturation)}: subnormal results rounded at the target's
 * subnormal LSB, NaN to the target's canonical NaN, overflow and infinities saturated or not
 * (OCP OFP8 rules). Latency 1: the output is registered and {@code out_valid} follows
 * {@code in_valid} by one cycle.
 *
 * <p>Ports: {@code clk}, {@code rst}, {@code in_valid}, {@code in} (32), {@code out_valid},
 * {@code out} (target width). Module name e.g. {@code ConvertFp32_e4m3_sat}.
 */
public final class ConvertFp32Tile extends FpRtlModule {
    /**
     * Converter parameters.
     *
     * @param target BF16, FP16, E4M3 or E5M2
     * @param saturation what overflow and infinities become
     */
    public record Params(FpFormat target, Saturation saturation) {
        /** Validates the target. */
        public Params {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(saturation, "saturation");
            if (target == FpFormat.FP32) {
                throw new IllegalArgumentException("the converter narrows FP32; target FP32 is the identity");
            }
        }

        /** Module name, e.g. {@code ConvertFp32_e4m3_sat} or {@code ConvertFp32_fp16_nonsat}. */
        public String moduleName() {
            return "ConvertFp32_" + target.name().toLowerCase(Locale.ROOT)
                    + (saturation == Saturation.SATURATING ? "_sat" : "_nonsat");
        }

        /** Attributes for the manifest of an emitted converter. */
        public Map<String, Object> manifestAttributes() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", "convert");
            m.put("from", FpFormat.FP32.name());
            m.put("to", target.name());
            m.put("saturation", saturation.name());
            m.put("latency", LATENCY);
            m.put("rounding", "RNE");
            return m;
        }
    }

    /** Cycles from input to output. */
    public static final int LATENCY = 1;

    /** Bits of the FP32 significand beyond which a remainder is always below half an LSB. */
    private static final int MAX_DROP = 25;

    /** Builds the converter. */
    public ConvertFp32Tile(Params p) {
        FpFormat t = p.target();
        FpFormat src = FpFormat.FP32;
        name(p.moduleName());
        Bool inValid = input("in_valid", Bool());
        UInt in = input("in", UInt(src.width()));
        Bool outValid = output("out_valid", Bool());
        UInt out = output("out", UInt(t.width()));

        Fields x = decode("in", in, src);
        int mt = t.mantissaBits();
        // Below biased FP32 exponent `low` the result is subnormal: its LSB stays at the target's
        // subnormal LSB, so `extra` more bits are dropped than the normal 23 - mt.
        int low = 128 - t.bias();
        int minDrop = src.mantissaBits() - mt;
        int maxExtra = MAX_DROP - minDrop;
        UInt exp = x.fieldAtLeast1();
        UInt rounded;
        UInt fieldBase;
        if (low == 1) {
            // BF16 shares FP32's exponent range: a fixed 16-bit drop, subnormals included.
            rounded = roundAt(x.significand(), minDrop, null, 0);
            fieldBase = named("field_base", exp.subWrap(low));
        } else {
            Bool subnormal = named("subnormal", exp.lt(low));
            UInt gap = named("gap", Hw.mux(subnormal, uint(low, exp.width()).subWrap(exp), uint(0, exp.width())));
            UInt extra = named("extra_drop", minConst(gap, maxExtra).resize(Types.bitsFor(maxExtra + 1L)));
            rounded = roundAt(x.significand(), minDrop, extra, maxExtra);
            fieldBase = named("field_base", Hw.mux(subnormal, uint(0, exp.width()), exp.subWrap(low)));
        }
        // (field - 1) << mt plus the kept bits with their hidden bit, as in FpRounding.
        UInt magnitude = named("magnitude", Hw.cat(fieldBase, zeros(mt)).addExpand(rounded));
        Bool overflow = named("overflow", magnitude.gt(uint(t.maxFiniteBits(), magnitude.width())));
        Bool sign = x.sign();
        UInt saturated = Hw.cat(sign, uint(FpRounding.overflowResult(t, false, p.saturation()), t.width() - 1));
        UInt overflowValue = p.saturation() == Saturation.NON_SATURATING && !t.hasInfinity()
                ? uint(t.canonicalNaN(), t.width()) : saturated;
        UInt result = named("result", Hw.mux(x.nan(), uint(t.canonicalNaN(), t.width()),
                Hw.mux(x.infinite().or(overflow), overflowValue,
                        Hw.cat(sign, magnitude.slice(t.width() - 2, 0)))));

        Boundary r = boundary("r", inValid, true);
        out.set(r.pass("out", result));
        outValid.set(r.valid());
    }

    /**
     * The 24-bit significand shifted right by {@code minDrop} plus {@code extra} bits and rounded
     * to nearest even: the kept bits plus the increment (one bit wider, for the carry).
     */
    private UInt roundAt(UInt sig, int minDrop, UInt extra, int maxExtra) {
        // sig followed by maxExtra zeros, so the variable shift loses no bit: afterwards the kept
        // bits sit at lsb and above, the round bit just below, and everything lower is sticky.
        int below = extra == null ? 0 : maxExtra;
        UInt placed = below > 0 ? Hw.cat(sig, zeros(below)) : sig;
        int lsb = minDrop + below;
        UInt shifted = named("shifted", extra == null ? placed : placed.shr(extra));
        UInt kept = named("kept", shifted.slice(shifted.width() - 1, lsb));
        Bool round = shifted.bit(lsb - 1);
        Bool sticky = named("sticky", lsb >= 2 ? shifted.slice(lsb - 2, 0).orR() : bool(false));
        Bool up = named("round_up", round.and(sticky.or(kept.bit(0))));
        return named("rounded", kept.addExpand(up));
    }
}
