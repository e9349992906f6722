package sohu.hdl.examples;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;

import sohu.hdl.Bool;
import sohu.hdl.ClockDomain;
import sohu.hdl.InstanceHandle;
import sohu.hdl.Module;
import sohu.hdl.UInt;
import sohu.hdl.lib.BitSynchronizer;
import sohu.hdl.lib.HandshakeSynchronizer;

/**
 * Two clock domains: words offered in domain A ({@code clk_a}, synchronous {@code rst_a})
 * reach domain B ({@code clk_b}, asynchronous active-low {@code aresetn}) through a
 * {@link HandshakeSynchronizer}; a level flag crosses through a {@link BitSynchronizer}.
 * B keeps the last word and counts the words (a cover point counts them too).
 */
public final class ClockCrossing extends Module {
    /** Word width. */
    public record Params(int width) { }

    /** Builds the design. */
    public ClockCrossing(Params p) {
        name("ClockCrossing_w" + p.width());
        ClockDomain a = clockDomain("clk_a", "rst_a", ClockDomain.Reset.SYNC_HIGH);
        ClockDomain b = clockDomain("clk_b", "aresetn", ClockDomain.Reset.ASYNC_LOW);
        InstanceHandle hs = instance("words", HandshakeSynchronizer.class, new HandshakeSynchronizer.Params(p.width()));
        HandshakeSynchronizer.connect(hs, a, b);
        Bool[] flagA = new Bool[1];
        withClock(a, () -> {
            Bool valid = input("a_valid", Bool());
            UInt data = input("a_data", UInt(p.width()));
            Bool ready = output("a_ready", Bool());
            Bool flag = input("a_flag", Bool());
            hs.bool("src_valid").set(valid);
            hs.uint("src_data").set(data);
            ready.set(hs.bool("src_ready"));
            flagA[0] = reg("flag_a", Bool(), 0);
            flagA[0].set(flag);
        });
        withClock(b, () -> {
            UInt value = output("b_value", UInt(p.width()));
            UInt received = output("b_received", UInt(8));
            Bool flag = output("b_flag", Bool());
            UInt last = reg("last_b", UInt(p.width()), 0);
            UInt count = reg("count_b", UInt(8), 0);
            Bool arrived = hs.bool("dst_valid");
            when(arrived, () -> {
                last.set(hs.uint("dst_data"));
                count.set(count.addWrap(1));
            });
            cover(arrived, "word");
            InstanceHandle sync = instance("flag_sync", BitSynchronizer.class, new BitSynchronizer.Params(2));
            sync.bool("d").set(flagA[0]);
            flag.set(sync.bool("q"));
            value.set(last);
            received.set(count);
        });
    }
}
