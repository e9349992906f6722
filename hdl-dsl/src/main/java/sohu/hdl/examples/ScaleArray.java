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
        for (int i = 0; i < p.n(); i++) {
            var unit = instance("unit" + i, ScaleUnit.class, new ScaleUnit.Params(p.width(), i + 1));
            unit.io(u -> u.in).set(in.get(i));
            out.get(i).set(unit.io(u -> u.out));
        }
    }
}
