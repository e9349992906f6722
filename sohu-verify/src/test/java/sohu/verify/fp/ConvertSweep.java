package sohu.verify.fp;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;

import java.util.List;
import sohu.core.fp.FpFormat;
import sohu.core.fp.Saturation;
import sohu.core.fp.rtl.ConvertFp32Tile;
import sohu.hdl.Bool;
import sohu.hdl.InstanceHandle;
import sohu.hdl.Module;
import sohu.hdl.UInt;

/**
 * Test harness: every FP32 narrowing converter (four targets, both saturation modes) fed the
 * same input stream. Ports: {@code in_valid}, {@code in}, and per converter
 * {@code out_valid_<module>}, {@code out_<module>}, named after {@link ConvertFp32Tile.Params#moduleName()}.
 */
public final class ConvertSweep extends Module {
    /** The converters, in port order. */
    public static final List<ConvertFp32Tile.Params> ALL = List.of(
            new ConvertFp32Tile.Params(FpFormat.BF16, Saturation.SATURATING),
            new ConvertFp32Tile.Params(FpFormat.BF16, Saturation.NON_SATURATING),
            new ConvertFp32Tile.Params(FpFormat.FP16, Saturation.SATURATING),
            new ConvertFp32Tile.Params(FpFormat.FP16, Saturation.NON_SATURATING),
            new ConvertFp32Tile.Params(FpFormat.E4M3, Saturation.SATURATING),
            new ConvertFp32Tile.Params(FpFormat.E4M3, Saturation.NON_SATURATING),
            new ConvertFp32Tile.Params(FpFormat.E5M2, Saturation.SATURATING),
            new ConvertFp32Tile.Params(FpFormat.E5M2, Saturation.NON_SATURATING));

    /** Builds the harness. */
    public ConvertSweep() {
        name("ConvertSweep");
        Bool inValid = input("in_valid", Bool());
        UInt in = input("in", UInt(32));
        for (ConvertFp32Tile.Params p : ALL) {
            InstanceHandle t = instance("u_" + p.moduleName(), ConvertFp32Tile.class, p);
            t.bool("in_valid").set(inValid);
            t.uint("in").set(in);
            output("out_valid_" + p.moduleName(), Bool()).set(t.bool("out_valid"));
            output("out_" + p.moduleName(), UInt(p.target().width())).set(t.uint("out"));
        }
    }
}
