package sohu.verify.fp;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;

import java.util.Locale;
import sohu.core.fp.FpFormat;
import sohu.core.fp.rtl.FmaStage;
import sohu.core.fp.rtl.FmaTile;
import sohu.hdl.Bool;
import sohu.hdl.InstanceHandle;
import sohu.hdl.Module;
import sohu.hdl.UInt;

/**
 * Test harness: one {@link FmaTile} per latency 1..4 of a format, all fed the same operation
 * stream, so one Verilator build and one simulation check every latency. Ports: {@code in_valid},
 * {@code a}, {@code b}, {@code c}, and {@code out_valid_L}, {@code out_L} for each latency L.
 */
public final class FmaSweep extends Module {
    /** The input format of the tiles. */
    public record Params(FpFormat format) { }

    /** Builds the harness. */
    public FmaSweep(Params p) {
        FpFormat f = p.format();
        name("FmaSweep_" + f.name().toLowerCase(Locale.ROOT));
        Bool inValid = input("in_valid", Bool());
        UInt a = input("a", UInt(f.width()));
        UInt b = input("b", UInt(f.width()));
        UInt c = input("c", UInt(32));
        for (int l = FmaStage.MIN_LATENCY; l <= FmaStage.MAX_LATENCY; l++) {
            InstanceHandle t = instance("tile_l" + l, FmaTile.class, new FmaTile.Params(f, l));
            t.bool("in_valid").set(inValid);
            t.uint("a").set(a);
            t.uint("b").set(b);
            t.uint("c").set(c);
            output("out_valid_" + l, Bool()).set(t.bool("out_valid"));
            output("out_" + l, UInt(32)).set(t.uint("out"));
        }
    }
}
