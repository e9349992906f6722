package sohu.hdl.examples;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.SInt;

import sohu.hdl.Bool;
import sohu.hdl.Module;
import sohu.hdl.SInt;

/**
 * A signed multiplier with {@code stages} pipeline registers after the product (at least
 * one) and a valid bit travelling with the data: {@code p = a * b} appears
 * {@code stages} cycles after the operands.
 */
public final class PipelinedMultiplier extends Module {
    /** Operand width and pipeline depth. */
    public record Params(int width, int stages) { }

    /** Builds the multiplier. */
    public PipelinedMultiplier(Params p) {
        if (p.stages() < 1) {
            throw new IllegalArgumentException("PipelinedMultiplier needs at least one stage, got " + p.stages());
        }
        name("PipelinedMultiplier_w" + p.width() + "_s" + p.stages());
        Bool inValid = input("in_valid", Bool());
        SInt a = input("a", SInt(p.width()));
        SInt b = input("b", SInt(p.width()));
        Bool outValid = output("out_valid", Bool());
        SInt product = output("p", SInt(2 * p.width()));

        Bool valid = inValid;
        SInt data = a.mul(b);
        for (int s = 0; s < p.stages(); s++) {
            Bool vq = reg("valid_" + s, Bool(), 0);
            SInt dq = reg("p_" + s, SInt(2 * p.width()));
            vq.set(valid);
            dq.set(data);
            valid = vq;
            data = dq;
        }
        outValid.set(valid);
        product.set(data);
    }
}
