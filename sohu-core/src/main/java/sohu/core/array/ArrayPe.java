package sohu.core.array;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;

import sohu.core.fp.FpFormat;
import sohu.core.fp.rtl.FmaTile;
import sohu.hdl.Bool;
import sohu.hdl.Hw;
import sohu.hdl.InstanceHandle;
import sohu.hdl.Module;
import sohu.hdl.UInt;

/**
 * One processing element of the weight-stationary array: an FMA tile, two weight registers and
 * the registers that pass the activation one column to the right.
 *
 * <ul>
 *   <li>{@code out = fma(a_in, w[sel_in], c_in)} with the tile's latency L ({@code out_valid}
 *       follows {@code a_valid});</li>
 *   <li>{@code a_out}, {@code a_valid_out}, {@code sel_out} are {@code a_in}, {@code a_valid},
 *       {@code sel_in} one cycle later (the activation's hop to the right);</li>
 *   <li>weight buffer {@code i} loads {@code w<i>_in} when {@code ld<i>}: the column's buffers
 *       form two shift registers ({@code w<i>_out} feeds the PE below), so a tile shifts in
 *       while the other buffer computes. {@code sel_in}, which travels with every activation,
 *       picks the buffer: it changes with the first activation of a new tile, which is the
 *       tile switch.</li>
 * </ul>
 */
public final class ArrayPe extends Module {
    /** Input format and FMA latency. */
    public record Params(FpFormat format, int latency) { }

    /** Builds the PE. */
    public ArrayPe(Params p) {
        int ew = p.format().width();
        name("ArrayPe_" + p.format().name().toLowerCase(java.util.Locale.ROOT) + "_l" + p.latency());
        UInt aIn = input("a_in", UInt(ew));
        Bool aValid = input("a_valid", Bool());
        Bool selIn = input("sel_in", Bool());
        UInt w0In = input("w0_in", UInt(ew));
        UInt w1In = input("w1_in", UInt(ew));
        Bool ld0 = input("ld0", Bool());
        Bool ld1 = input("ld1", Bool());
        UInt cIn = input("c_in", UInt(32));
        UInt aOut = output("a_out", UInt(ew));
        Bool aValidOut = output("a_valid_out", Bool());
        Bool selOut = output("sel_out", Bool());
        UInt w0Out = output("w0_out", UInt(ew));
        UInt w1Out = output("w1_out", UInt(ew));
        UInt out = output("out", UInt(32));
        Bool outValid = output("out_valid", Bool());

        UInt aQ = reg("a_q", UInt(ew));
        Bool aValidQ = reg("a_valid_q", Bool(), 0);
        Bool selQ = reg("sel_q", Bool());
        UInt w0 = reg("w0", UInt(ew));
        UInt w1 = reg("w1", UInt(ew));
        aQ.set(aIn);
        aValidQ.set(aValid);
        selQ.set(selIn);
        when(ld0, () -> w0.set(w0In));
        when(ld1, () -> w1.set(w1In));
        aOut.set(aQ);
        aValidOut.set(aValidQ);
        selOut.set(selQ);
        w0Out.set(w0);
        w1Out.set(w1);

        InstanceHandle fma = instance("fma", FmaTile.class, new FmaTile.Params(p.format(), p.latency()));
        fma.bool("in_valid").set(aValid);
        fma.uint("a").set(aIn);
        fma.uint("b").set(Hw.mux(selIn, w1, w0));
        fma.uint("c").set(cIn);
        out.set(fma.uint("out"));
        outValid.set(fma.bool("out_valid"));
    }
}
