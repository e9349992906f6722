package sohu.core.fp.rtl;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.SInt;
import static sohu.hdl.Types.UInt;

import sohu.core.fp.FpFormat;
import sohu.hdl.Bits;
import sohu.hdl.Bool;
import sohu.hdl.Hw;
import sohu.hdl.HwType;
import sohu.hdl.Module;
import sohu.hdl.SInt;
import sohu.hdl.UInt;

/**
 * Helpers shared by the floating-point generators: named intermediate values, pipeline
 * boundaries with a travelling valid bit, field decoding and small arithmetic idioms.
 */
abstract class FpRtlModule extends Module {

    /** Fields and classification of one encoding, as hardware values. */
    record Fields(Bool sign, UInt field, UInt mantissa, UInt significand, UInt fieldAtLeast1,
                  Bool zero, Bool infinite, Bool nan) { }

    /** A pipeline boundary after which {@code valid} and the values passed through it move on. */
    protected final Boundary boundary(String prefix, Bool valid, boolean registered) {
        return new Boundary(prefix, valid, registered);
    }

    /**
     * One pipeline boundary: either registers (the valid bit reset, data loaded only with a
     * valid operation, so idle cycles do not toggle the datapath) or, when not registered, named
     * wires, so the SystemVerilog reads the same at every latency.
     */
    protected final class Boundary {
        private final String prefix;
        private final Bool validIn;
        private final boolean registered;
        private final Bool validOut;

        private Boundary(String prefix, Bool validIn, boolean registered) {
            this.prefix = prefix;
            this.validIn = validIn;
            this.registered = registered;
            if (registered) {
                Bool v = reg(prefix + "_valid", Bool(), 0);
                v.set(validIn);
                validOut = v;
            } else {
                validOut = validIn;
            }
        }

        /** The valid bit after the boundary. */
        public Bool valid() {
            return validOut;
        }

        /** {@code value} after the boundary, named {@code prefix_name}. */
        public <T extends Bits> T pass(String name, T value) {
            if (!registered) {
                return named(prefix + "_" + name, value);
            }
            T r = reg(prefix + "_" + name, typeOf(value));
            when(validIn, () -> r.set(value));
            return r;
        }
    }

    /** Decodes an encoding of {@code f} held in {@code bits}. */
    protected final Fields decode(String prefix, UInt bits, FpFormat f) {
        int m = f.mantissaBits();
        int e = f.exponentBits();
        Bool sign = bits.msb();
        UInt field = named(prefix + "_exp", bits.slice(m + e - 1, m));
        UInt mantissa = named(prefix + "_man", bits.slice(m - 1, 0));
        Bool fieldZero = named(prefix + "_exp_zero", field.eq(0));
        Bool fieldOnes = field.andR();
        Bool mantissaZero = mantissa.eq(0);
        Bool zero = named(prefix + "_zero", fieldZero.and(mantissaZero));
        Bool infinite;
        Bool nan;
        if (f.hasInfinity()) {
            infinite = named(prefix + "_inf", fieldOnes.and(mantissaZero));
            nan = named(prefix + "_nan", fieldOnes.and(mantissaZero.not()));
        } else {
            // OCP E4M3: no infinities; only S.1111.111 is NaN, the rest of field 15 is normal.
            infinite = bool(false);
            nan = named(prefix + "_nan", fieldOnes.and(mantissa.andR()));
        }
        UInt significand = named(prefix + "_sig", Hw.cat(fieldZero.not(), mantissa));
        // Subnormals share the smallest normal's exponent: max(field, 1).
        UInt atLeast1 = e == 1 ? field.or(fieldZero)
                : named(prefix + "_exp_min1", Hw.cat(field.slice(e - 1, 1), field.bit(0).or(fieldZero)));
        return new Fields(sign, field, mantissa, significand, atLeast1, zero, infinite, nan);
    }

    /** {@code min(x, limit)} in the width of {@code x}. */
    protected final UInt minConst(UInt x, long limit) {
        if (limit >= (1L << x.width()) - 1) {
            return x;
        }
        return Hw.mux(x.gt(uint(limit, x.width())), uint(limit, x.width()), x);
    }

    /** An unsigned value as a non-negative signed value of {@code width} bits (wider than x). */
    protected static SInt signed(UInt x, int width) {
        return x.zext(width).asSInt();
    }

    /** {@code n} zero bits. */
    protected final UInt zeros(int n) {
        return uint(0, n);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Bits> HwType<T> typeOf(T value) {
        HwType<?> t = value instanceof Bool ? Bool() : value instanceof SInt ? SInt(value.width()) : UInt(value.width());
        return (HwType<T>) t;
    }
}
