package sohu.core.fp.rtl;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import sohu.core.fp.FpFma;
import sohu.core.fp.FpFormat;
import sohu.hdl.Bool;
import sohu.hdl.Hw;
import sohu.hdl.InstanceHandle;
import sohu.hdl.SInt;
import sohu.hdl.UInt;

/**
 * Fused multiply-add tile: {@code out = a × b + c} with {@code a}, {@code b} in an input format
 * and {@code c}, {@code out} FP32, rounded once to nearest even, bit-identical to
 * {@link FpFma#fma(FpFormat, int, int, int)} (subnormals in and out, canonical NaN, IEEE zero
 * signs). One operation per cycle; the operation presented with {@code in_valid} at cycle t
 * leaves with {@code out_valid} at cycle t + latency.
 *
 * <p>Ports: {@code clk}, {@code rst} (synchronous, active high, clears the valid bits),
 * {@code in_valid}, {@code a}, {@code b} (input format width), {@code c} (32), {@code out_valid},
 * {@code out} (32). The datapath and its window widths are described in {@link FmaWidths}; the
 * stages and where the registers go in {@link FmaStage}.
 */
public final class FmaTile extends FpRtlModule {
    /**
     * Tile parameters.
     *
     * @param format format of {@code a} and {@code b}: BF16, FP16, E4M3, E5M2 or FP32
     * @param latency cycles from input to output, 1..4
     */
    public record Params(FpFormat format, int latency) {
        /** Validates the latency. */
        public Params {
            Objects.requireNonNull(format, "format");
            FmaStage.registeredAfter(latency);
        }

        /** Module name, e.g. {@code FmaTile_bf16_fp32_l3}. */
        public String moduleName() {
            return "FmaTile_" + format.name().toLowerCase(Locale.ROOT) + "_fp32_l" + latency;
        }

        /** Attributes for the manifest of an emitted tile. */
        public Map<String, Object> manifestAttributes() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", "fma");
            m.put("format", format.name());
            m.put("accumulator", ACC.name());
            m.put("latency", latency);
            m.put("rounding", "RNE");
            return m;
        }
    }

    private static final FpFormat ACC = FpFormat.FP32;
    private static final int SIG = FmaWidths.ACC_SIGNIFICAND;

    private final FpFormat f;
    private final FmaWidths w;

    /** Values leaving the PRODUCT stage. */
    private record Product(UInt prod, Bool pn, UInt cSig, Bool cn, Bool productBig, UInt shift, UInt topExp,
                           Bool fixedSign, Bool nan, Bool inf) { }

    /** Values leaving the ADD stage. */
    private record Sum(UInt mag, Bool sign, UInt topExp, Bool fixedSign, Bool nan, Bool inf) { }

    /** Values leaving the NORMALIZE stage. */
    private record Normalized(UInt kept, Bool round, Bool sticky, UInt fieldBase, Bool sign, Bool zero,
                              Bool nan, Bool inf) { }

    /** Builds the tile. */
    public FmaTile(Params p) {
        this.f = p.format();
        this.w = FmaWidths.of(f);
        name(p.moduleName());
        Set<FmaStage> cuts = FmaStage.registeredAfter(p.latency());
        Bool inValid = input("in_valid", Bool());
        UInt a = input("a", UInt(f.width()));
        UInt b = input("b", UInt(f.width()));
        UInt c = input("c", UInt(ACC.width()));
        Bool outValid = output("out_valid", Bool());
        UInt out = output("out", UInt(ACC.width()));

        Boundary b1 = boundary("s1", inValid, cuts.contains(FmaStage.PRODUCT));
        Product s1 = pass(b1, product(a, b, c));
        Boundary b2 = boundary("s2", b1.valid(), cuts.contains(FmaStage.ADD));
        Sum s2 = pass(b2, add(s1));
        Boundary b3 = boundary("s3", b2.valid(), cuts.contains(FmaStage.NORMALIZE));
        Normalized s3 = pass(b3, normalize(s2));
        Boundary b4 = boundary("s4", b3.valid(), true);
        out.set(b4.pass("result", round(s3)));
        outValid.set(b4.valid());
    }

    // ------------------------------------------------------------------ PRODUCT

    private Product product(UInt a, UInt b, UInt c) {
        Fields fa = decode("a", a, f);
        Fields fb = decode("b", b, f);
        Fields fc = decode("c", c, ACC);
        // Normalised input significands put the product's leading one in its top two bits.
        UInt za = leadingZeros("lza", fa.significand());
        UInt zb = leadingZeros("lzb", fb.significand());
        UInt na = named("a_norm", fa.significand().shl(za));
        UInt nb = named("b_norm", fb.significand().shl(zb));
        UInt prod = named("prod", na.mul(nb));

        // Biased exponents (+127) of the top bit of each addend's significand.
        int dw = w.exponentDiff();
        SInt prodTop = named("prod_top", signed(fa.fieldAtLeast1(), dw).addWrap(signed(fb.fieldAtLeast1(), dw))
                .subWrap(signed(za, dw)).subWrap(signed(zb, dw))
                .addWrap(sint(FmaWidths.productTopOffset(f), dw)));
        UInt cTop = fc.fieldAtLeast1();
        SInt diff = named("exp_diff", prodTop.subWrap(signed(cTop, dw)));
        Bool pZero = named("prod_zero", fa.zero().or(fb.zero()));
        // A zero product must not be the big addend: it would push c out of the window.
        Bool productBig = named("prod_big", diff.ge(sint(0, dw)).and(pZero.not()));
        UInt absDiff = named("exp_dist", Hw.mux(diff.lt(sint(0, dw)), diff.neg(), diff).asUInt());
        UInt shift = named("align_shift", minConst(absDiff, w.top() + 1L).resize(w.shift()));
        UInt topExp = named("top_exp", Hw.mux(productBig, prodTop.asUInt().resize(w.topExponent()),
                cTop.zext(w.topExponent())));

        Bool pn = named("prod_sign", fa.sign().xor(fb.sign()));
        Bool cn = fc.sign();
        Bool pInf = fa.infinite().or(fb.infinite());
        Bool nan = named("nan", fa.nan().or(fb.nan()).or(fc.nan()).or(pInf.and(pZero))
                .or(pInf.and(fc.infinite()).and(pn.xor(cn))));
        Bool inf = named("inf", pInf.or(fc.infinite()));
        // Sign of an infinite result, or of a zero one: -0 only for (-0) + (-0).
        Bool fixedSign = named("fixed_sign", Hw.mux(inf, Hw.mux(pInf, pn, cn),
                pZero.and(fc.zero()).and(pn).and(cn)));
        return new Product(prod, pn, fc.significand(), cn, productBig, shift, topExp, fixedSign, nan, inf);
    }

    private Product pass(Boundary bd, Product x) {
        return new Product(bd.pass("prod", x.prod()), bd.pass("prod_sign", x.pn()), bd.pass("c_sig", x.cSig()),
                bd.pass("c_sign", x.cn()), bd.pass("prod_big", x.productBig()), bd.pass("shift", x.shift()),
                bd.pass("top_exp", x.topExp()), bd.pass("fixed_sign", x.fixedSign()), bd.pass("nan", x.nan()),
                bd.pass("inf", x.inf()));
    }

    // ------------------------------------------------------------------ ADD

    private Sum add(Product x) {
        int k = w.top();
        int win = w.window();
        int ext = w.stickyExtension();
        int pw = w.product();
        // The big addend's top significand bit goes to window bit k; bit k + 1 takes the carry.
        UInt big = named("big", Hw.mux(x.productBig(),
                Hw.cat(zeros(1), x.prod(), zeros(k - pw + 1)),
                Hw.cat(zeros(1), x.cSig(), zeros(k - SIG + 1))));
        // The small one starts at the same place in a field extended by `ext` bits, so a shift of
        // up to k + 1 keeps every bit it shifts out of the window for the sticky OR.
        UInt smallPlaced = named("small_placed", Hw.mux(x.productBig(),
                Hw.cat(zeros(1), x.cSig(), zeros(k - SIG + 1 + ext)),
                Hw.cat(zeros(1), x.prod(), zeros(k - pw + 1 + ext))));
        UInt shifted = named("small_shifted", smallPlaced.shr(x.shift()));
        Bool sticky = named("align_sticky", shifted.slice(ext - 1, 0).orR());
        UInt small = named("small_aligned", Hw.cat(shifted.slice(win + ext - 1, ext + 1), shifted.bit(ext).or(sticky)));

        Bool effSub = named("eff_sub", x.pn().xor(x.cn()));
        UInt smallExt = small.zext(win + 1);
        UInt addend = Hw.mux(effSub, smallExt.not(), smallExt);
        // big + small, or big - small as big + ~small + 1; bit `win` is then the sign.
        UInt raw = named("raw_sum", big.zext(win + 1).addWrap(addend).addWrap(effSub.zext(win + 1)));
        Bool negative = named("raw_negative", raw.bit(win));
        UInt mag = named("mag", Hw.mux(negative, raw.not().addWrap(1), raw).truncate(win));
        Bool sign = named("sum_sign", Hw.mux(x.productBig(), x.pn(), x.cn()).xor(negative));
        return new Sum(mag, sign, x.topExp(), x.fixedSign(), x.nan(), x.inf());
    }

    private Sum pass(Boundary bd, Sum x) {
        return new Sum(bd.pass("mag", x.mag()), bd.pass("sign", x.sign()), bd.pass("top_exp", x.topExp()),
                bd.pass("fixed_sign", x.fixedSign()), bd.pass("nan", x.nan()), bd.pass("inf", x.inf()));
    }

    // ------------------------------------------------------------------ NORMALIZE

    private Normalized normalize(Sum x) {
        int win = w.window();
        UInt lz = leadingZeros("lzs", x.mag());
        Bool zero = named("sum_zero", x.mag().eq(0));
        // Shift the leading one to the top, but not below FP32's smallest normal exponent: the
        // top bit's biased exponent is topExp + 1 - shift, which must stay >= 1.
        UInt normShift = named("norm_shift", Hw.mux(lz.gt(x.topExp()), x.topExp().resize(lz.width()), lz));
        UInt norm = named("norm", x.mag().shl(normShift));
        // Biased exponent of the top bit minus one: packing adds the hidden bit (see FpRounding).
        UInt fieldBase = named("field_base", x.topExp().subWrap(normShift.zext(w.topExponent())));
        Bool sticky = named("round_sticky", norm.slice(win - SIG - 2, 0).orR());
        Bool sign = named("norm_sign", Hw.mux(x.inf().or(zero), x.fixedSign(), x.sign()));
        return new Normalized(norm.slice(win - 1, win - SIG), norm.bit(win - SIG - 1), sticky, fieldBase, sign,
                zero, x.nan(), x.inf());
    }

    private Normalized pass(Boundary bd, Normalized x) {
        return new Normalized(bd.pass("kept", x.kept()), bd.pass("round", x.round()), bd.pass("sticky", x.sticky()),
                bd.pass("field_base", x.fieldBase()), bd.pass("sign", x.sign()), bd.pass("zero", x.zero()),
                bd.pass("nan", x.nan()), bd.pass("inf", x.inf()));
    }

    // ------------------------------------------------------------------ ROUND

    private UInt round(Normalized x) {
        int mb = ACC.mantissaBits();
        Bool up = named("round_up", x.round().and(x.sticky().or(x.kept().bit(0))));
        // (field - 1) << 23 plus the kept significand with its hidden bit: a carry out of the
        // mantissa, or a subnormal rounding up to 2^23, moves into the exponent by itself.
        UInt packed = named("packed_mag", Hw.cat(x.fieldBase(), zeros(mb)).addExpand(x.kept()).addWrap(up));
        Bool overflow = named("overflow", packed.ge(ACC.infinityBits()));
        UInt finite = Hw.cat(x.sign(), packed.slice(ACC.width() - 2, 0));
        UInt infinity = Hw.cat(x.sign(), uint(ACC.infinityBits(), ACC.width() - 1));
        UInt zero = Hw.cat(x.sign(), zeros(ACC.width() - 1));
        return named("result", Hw.mux(x.nan(), uint(FpFma.CANONICAL_NAN, ACC.width()),
                Hw.mux(x.inf().or(overflow), infinity, Hw.mux(x.zero(), zero, finite))));
    }

    // ------------------------------------------------------------------ helpers

    private UInt leadingZeros(String instanceName, UInt value) {
        InstanceHandle h = instance(instanceName, LeadingZeroCount.class, new LeadingZeroCount.Params(value.width()));
        h.uint("value").set(value);
        return h.uint("count");
    }
}
