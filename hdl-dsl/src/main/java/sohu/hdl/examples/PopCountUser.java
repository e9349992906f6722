package sohu.hdl.examples;

import static sohu.hdl.Types.UInt;

import sohu.hdl.InstanceHandle;
import sohu.hdl.Module;
import sohu.hdl.UInt;

/** Uses the {@link PopCount} black box on the low and high halves of a 16-bit word and adds the counts. */
public final class PopCountUser extends Module {
    /** Builds the design. */
    public PopCountUser() {
        UInt word = input("word", UInt(16));
        UInt total = output("total", UInt(5));
        InstanceHandle lo = instance("count_lo", PopCount.class);
        InstanceHandle hi = instance("count_hi", PopCount.class);
        lo.uint("x").set(word.slice(7, 0));
        hi.uint("x").set(word.slice(15, 8));
        total.set(lo.uint("count").addExpand(hi.uint("count")));
    }
}
