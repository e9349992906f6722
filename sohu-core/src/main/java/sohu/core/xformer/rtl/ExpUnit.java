package sohu.core.xformer.rtl;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;

import sohu.core.xformer.Exp;
import sohu.hdl.Bool;
import sohu.hdl.Hw;
import sohu.hdl.Mem;
import sohu.hdl.SInt;
import sohu.hdl.UInt;

/**
 * One lane's exponential, bit-identical to {@link Exp#exp(int)}, one input per cycle, latency
 * {@value #LATENCY}: (1) significand × log2 e; (2) shift to {@code y}, negate, split into
 * {@code n}, the table index and {@code r}, the two polynomial products (the table ROM is read
 * here, its word registered); (3) {@code q}; (4) {@code M = T + T·q}; (5) normalise and round.
 * Ports: {@code clk}, {@code rst}, {@code in_valid}, {@code in} (32), {@code offset} (8, signed:
 * the result is {@code exp(in)·2^offset}, {@link Exp#exp(int, int)}), {@code out_valid},
 * {@code out} (32).
 */
public final class ExpUnit extends LaneRtl {
    /** Cycles from {@code in} to {@code out}. */
    public static final int LATENCY = 5;

    /** Builds the unit. */
    public ExpUnit() {
        name("VectorExp");
        Bool inValid = input("in_valid", Bool());
        UInt in = input("in", UInt(32));
        UInt offset = input("offset", UInt(8));
        Bool outValid = output("out_valid", Bool());
        UInt out = output("out", UInt(32));
        out.set(build("exp", in, delay("offset", offset, 4)));
        outValid.set(delayValid("valid", inValid, LATENCY));
    }

    /**
     * The datapath: {@code exp(x)·2^offset} of {@code x}, {@value #LATENCY} cycles later;
     * {@code offset4} is the signed offset of the same operation, already delayed to stage 5.
     */
    private UInt build(String p, UInt x, UInt offset4) {
        // Stage 1: decode, specials, |sig| × log2 e.
        Bool sign = x.msb();
        UInt field = x.slice(30, 23);
        UInt mant = x.slice(22, 0);
        Bool fieldZero = field.eq(0);
        Bool nan = field.andR().and(mant.ne(0));
        Bool big = field.ge(uint(127 + 7, 8)); // |x| ≥ 128 or infinite
        UInt sig = Hw.cat(fieldZero.not(), mant);
        UInt fieldMin1 = Hw.cat(field.slice(7, 1), field.bit(0).or(fieldZero));
        UInt shift1 = named(p + "_shift", uint(156, 8).subWrap(fieldMin1));
        UInt product = named(p + "_product", sig.mul(uint(Exp.LOG2E, 39)));
        UInt prod1 = pipe(p + "_s1_product", product);
        UInt shiftR = pipe(p + "_s1_shift", shift1);
        Bool sign1 = pipe(p + "_s1_sign", sign);
        Bool nan1 = pipe(p + "_s1_nan", nan);
        Bool big1 = pipe(p + "_s1_big", big);

        // Stage 2: y with 32 fraction bits; n, index, r; q1 = C1·r, r² (the ROM reads T[index]).
        UInt mag = named(p + "_mag", prod1.shr(shiftR).slice(41, 0));
        UInt y = named(p + "_y", Hw.mux(sign1, mag.not().addWrap(1), mag));
        UInt index = named(p + "_index", y.slice(31, 24));
        UInt r = named(p + "_r", y.slice(23, 0));
        UInt q1 = named(p + "_q1", uint(Exp.C1, 32).mul(r).slice(55, 26));
        UInt r2 = named(p + "_r2", r.mul(r).slice(47, 26));
        UInt t = table(p).read(index);
        UInt q1r = pipe(p + "_s2_q1", q1);
        UInt r2r = pipe(p + "_s2_r2", r2);
        UInt n2 = pipe(p + "_s2_n", y.slice(41, 32));
        Bool sign2 = pipe(p + "_s2_sign", sign1);
        Bool nan2 = pipe(p + "_s2_nan", nan1);
        Bool big2 = pipe(p + "_s2_big", big1);

        // Stage 3: q = q1 + C2·r².
        UInt q = named(p + "_q", q1r.zext(31).addWrap(r2r.mul(uint(Exp.C2, 14)).slice(35, 16).zext(31)));
        UInt q3 = pipe(p + "_s3_q", q);
        UInt t3 = pipe(p + "_s3_t", t);
        UInt n3 = pipe(p + "_s3_n", n2);
        Bool sign3 = pipe(p + "_s3_sign", sign2);
        Bool nan3 = pipe(p + "_s3_nan", nan2);
        Bool big3 = pipe(p + "_s3_big", big2);

        // Stage 4: M = T + (T·q >> 38).
        UInt m = named(p + "_m", t3.zext(33).addWrap(t3.mul(q3).slice(62, 38).zext(33)));
        UInt m4 = pipe(p + "_s4_m", m);
        UInt n4 = pipe(p + "_s4_n", n3);
        Bool sign4 = pipe(p + "_s4_sign", sign3);
        Bool nan4 = pipe(p + "_s4_nan", nan3);
        Bool big4 = pipe(p + "_s4_big", big3);

        // Stage 5: normalise (M ≥ 2^31, at most one bit above) and round; specials.
        Bool carry = m4.bit(32);
        UInt norm = named(p + "_norm", Hw.mux(carry, m4, m4.shl(1)));
        SInt lead = named(p + "_lead", n4.asSInt().sext(11).addWrap(offset4.asSInt().sext(11))
                .addWrap(carry.zext(11).asSInt()));
        UInt rounded = roundFp32(p, norm, lead);
        UInt special = Hw.mux(sign4, uint(0, 32), uint(0x7F800000L, 32));
        UInt result = Hw.mux(nan4, uint(0x7FC00000L, 32), Hw.mux(big4, special, rounded.zext(32)));
        return pipe(p + "_out", result);
    }

    /** The 256 × 32 ROM of {@code 2^(i/256)} in Q1.31. */
    private Mem table(String p) {
        long[] t = Exp.table();
        int[] words = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            words[i] = (int) t[i];
        }
        return rom(p + "_table", words);
    }
}
