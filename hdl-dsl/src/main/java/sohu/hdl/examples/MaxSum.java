package sohu.hdl.examples;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.Bundle;
import static sohu.hdl.Types.Stream;
import static sohu.hdl.Types.UInt;

import sohu.hdl.Bool;
import sohu.hdl.Bundle;
import sohu.hdl.Hw;
import sohu.hdl.Module;
import sohu.hdl.Stream;
import sohu.hdl.UInt;

/** A ready/valid reduction: the maximum and the sum of each packet of words, a packet ending at {@code last}. */
public final class MaxSum extends Module {
    /** Word width and sum width. */
    public record Params(int width, int sumWidth) { }

    /** Builds it. */
    public MaxSum(Params p) {
        Stream<Bundle> in = input("in", Stream(Bundle("data", UInt(p.width()), "last", Bool())));
        Stream<Bundle> out = output("out", Stream(Bundle("max", UInt(p.width()), "sum", UInt(p.sumWidth()))));
        UInt max = reg("max", UInt(p.width()), 0);
        UInt sum = reg("sum", UInt(p.sumWidth()), 0);
        Bool done = reg("done", Bool(), 0);
        UInt x = in.payload().uint("data");
        in.ready().set(done.not());
        when(in.fire(), () -> {
            max.set(Hw.mux(x.gt(max), x, max));
            sum.set(sum.addWrap(x.zext(p.sumWidth())));
            done.set(in.payload().bool("last"));
        }).elseWhen(out.fire(), () -> Hw.clear(max, sum, done));
        out.valid().set(done);
        out.payload().set("max", max).set("sum", sum);
    }
}
