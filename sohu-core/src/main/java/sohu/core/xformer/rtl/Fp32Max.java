package sohu.core.xformer.rtl;

import static sohu.hdl.Types.UInt;

import sohu.hdl.UInt;

/**
 * The lanes' FP32 comparator as a block of its own ({@link sohu.core.xformer.Fp32#max}: NaN if
 * either is NaN, else the larger with -0 below +0, {@code a} on ties), combinational, for users
 * outside this package (the scalar unit's {@code MAX}). Ports: {@code a}, {@code b}, {@code out} (32).
 */
public final class Fp32Max extends LaneRtl {
    /** Builds the comparator. */
    public Fp32Max() {
        name("Fp32Max");
        UInt a = input("a", UInt(32));
        UInt b = input("b", UInt(32));
        output("out", UInt(32)).set(maxFp32(a, b));
    }
}
