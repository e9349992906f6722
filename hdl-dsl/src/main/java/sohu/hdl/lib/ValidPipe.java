package sohu.hdl.lib;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;

import sohu.hdl.Bool;
import sohu.hdl.Module;
import sohu.hdl.UInt;

/**
 * Pipeline registers with a valid bit: what enters with {@code in_valid} at cycle t
 * leaves with {@code out_valid} at cycle t + stages. Valid bits are reset; data
 * registers load only with a valid word.
 */
public final class ValidPipe extends Module {
    /** Data width and number of register stages (at least 1). */
    public record Params(int width, int stages) { }

    /** Builds the pipeline. */
    public ValidPipe(Params p) {
        if (p.stages() < 1) {
            throw new IllegalArgumentException("ValidPipe needs at least one stage, got " + p.stages());
        }
        name("ValidPipe_w" + p.width() + "_s" + p.stages());
        Bool inValid = input("in_valid", Bool());
        UInt inData = input("in_data", UInt(p.width()));
        Bool outValid = output("out_valid", Bool());
        UInt outData = output("out_data", UInt(p.width()));
        Bool v = inValid;
        UInt d = inData;
        for (int s = 0; s < p.stages(); s++) {
            Bool vq = reg("valid_" + s, Bool(), 0);
            UInt dq = reg("data_" + s, UInt(p.width()));
            vq.set(v);
            Bool loadIt = v;
            UInt next = d;
            when(loadIt, () -> dq.set(next));
            v = vq;
            d = dq;
        }
        outValid.set(v);
        outData.set(d);
    }
}
