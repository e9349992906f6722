package sohu.hdl.examples;

import static sohu.hdl.Types.Bundle;
import static sohu.hdl.Types.UInt;

import sohu.hdl.Bundle;
import sohu.hdl.HwType;
import sohu.hdl.Module;
import sohu.hdl.UInt;

/** {@code out = a * k + b} for a constant {@code k}: the submodule of {@link ScaleArray}. */
public final class ScaleUnit extends Module {
    /** The input bundle: two words. */
    public static HwType.BundleType pair(int width) {
        return Bundle("a", UInt(width), "b", UInt(width));
    }

    /** Word width and the constant factor. */
    public record Params(int width, int k) { }

    /** The input port, for typed instance IO. */
    public final Bundle in;
    /** The output port, {@code 2 * width + 1} bits. */
    public final UInt out;

    /** Builds it. */
    public ScaleUnit(Params p) {
        in = input("in", pair(p.width()));
        out = output("out", UInt(2 * p.width() + 1));
        out.set(in.uint("a").mul(uint(p.k(), p.width())).addExpand(in.uint("b").zext(2 * p.width())));
    }
}
