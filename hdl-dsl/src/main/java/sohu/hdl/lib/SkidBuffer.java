package sohu.hdl.lib;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;

import sohu.hdl.Bool;
import sohu.hdl.Module;
import sohu.hdl.Stream;
import sohu.hdl.UInt;

/**
 * A two-entry skid buffer: registers both the data path and {@code in_ready}, so long
 * ready chains are cut without losing throughput (one word per cycle).
 */
public final class SkidBuffer extends Module {
    /** Word width. */
    public record Params(int width) { }

    /** Builds the buffer. */
    public SkidBuffer(Params p) {
        name("SkidBuffer_w" + p.width());
        Stream<UInt> in = streamIn("in", UInt(p.width()));
        Stream<UInt> out = streamOut("out", UInt(p.width()));
        Bool outValid = reg("out_valid_q", Bool(), 0);
        UInt outData = reg("out_data_q", UInt(p.width()));
        Bool skidValid = reg("skid_valid_q", Bool(), 0);
        UInt skidData = reg("skid_data_q", UInt(p.width()));

        in.ready().set(skidValid.not());
        out.valid().set(outValid);
        out.payload().set(outData);

        Bool outFree = out.ready().or(outValid.not());
        when(outFree, () -> when(skidValid, () -> {
            outValid.set(1);
            outData.set(skidData);
            skidValid.set(0);
        }).otherwise(() -> {
            outValid.set(in.valid());
            outData.set(in.payload());
        })).otherwise(() -> when(in.fire(), () -> {
            skidValid.set(1);
            skidData.set(in.payload());
        }));
    }
}
