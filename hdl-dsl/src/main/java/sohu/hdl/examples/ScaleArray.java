package sohu.hdl.examples;

import static sohu.hdl.Types.UInt;
import static sohu.hdl.Types.Vec;

import sohu.hdl.Bundle;
import sohu.hdl.Module;
import sohu.hdl.UInt;
import sohu.hdl.Vec;

/** A Vec of {@code n} parameterized {@link ScaleUnit}s (unit i multiplies by i + 1) with Bundle ports. */
public final class ScaleArray extends Module {
    /** Number of units and word width. */
    public record Params(int n, int width) { }

    /** Builds it. */
    public ScaleArray(Params p) {
        Vec<Bundle> in = input("in", Vec(ScaleUnit.pair(p.width()), p.n()));
        Vec<UInt> out = output("out", Vec(UInt(2 * p.width() + 1), p.n()));
        var units = instances("unit", ScaleUnit.class, p.n(), i -> new ScaleUnit.Params(p.width(), i + 1));
        units.io(u -> u.in).set(in);
        out.set(units.io(u -> u.out));
    }
}
