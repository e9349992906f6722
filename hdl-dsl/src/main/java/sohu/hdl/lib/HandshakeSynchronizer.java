package sohu.hdl.lib;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;

import sohu.hdl.Bool;
import sohu.hdl.ClockDomain;
import sohu.hdl.InstanceHandle;
import sohu.hdl.Module;
import sohu.hdl.UInt;

/**
 * Carries multi-bit words from a source clock domain to a destination domain with a
 * two-phase (toggle) handshake: the source holds the word in a register and flips
 * {@code req}; the destination sees the flip through a {@link BitSynchronizer}, captures
 * the (by then stable) word, pulses {@code dst_valid} and flips {@code ack} back, which
 * frees the source. One word per round trip (about 3 cycles of each clock).
 *
 * <p>Ports: {@code clk_src}, {@code rst_src}, {@code clk_dst}, {@code rst_dst} (both
 * resets active high, synchronous); source side {@code src_valid}, {@code src_data},
 * {@code src_ready} (a word moves when both valid and ready are high); destination side
 * {@code dst_valid} (one cycle per word) and {@code dst_data}. Connect the clocks with
 * {@link #connect}.
 */
public final class HandshakeSynchronizer extends Module {
    /** Word width. */
    public record Params(int width) { }

    /** Builds the synchronizer. */
    public HandshakeSynchronizer(Params p) {
        name("HandshakeSynchronizer_w" + p.width());
        ClockDomain src = clockDomain("clk_src", "rst_src", ClockDomain.Reset.SYNC_HIGH);
        ClockDomain dst = clockDomain("clk_dst", "rst_dst", ClockDomain.Reset.SYNC_HIGH);
        Bool req = reg2(src, "req");
        Bool ack = reg2(dst, "ack");
        UInt held = withClockValue(src, () -> reg("held", UInt(p.width())));
        withClock(src, () -> {
            Bool valid = input("src_valid", Bool());
            UInt data = input("src_data", UInt(p.width()));
            Bool ready = output("src_ready", Bool());
            InstanceHandle s = instance("ack_sync", BitSynchronizer.class, new BitSynchronizer.Params(2));
            s.bool("d").set(ack);
            ready.set(req.eq(s.bool("q")));
            when(valid.and(ready), () -> {
                req.set(req.not());
                held.set(data);
            });
        });
        withClock(dst, () -> {
            Bool outValid = output("dst_valid", Bool());
            UInt outData = output("dst_data", UInt(p.width()));
            InstanceHandle s = instance("req_sync", BitSynchronizer.class, new BitSynchronizer.Params(2));
            s.bool("d").set(req);
            Bool reqSeen = s.bool("q");
            Bool arrived = reqSeen.xor(ack);
            Bool validQ = reg("valid_q", Bool(), 0);
            UInt dataQ = reg("data_q", UInt(p.width()));
            ack.set(reqSeen);
            validQ.set(arrived);
            when(arrived, () -> dataQ.set(held)); // held is stable: req flipped at least two cycles ago
            outValid.set(validQ);
            outData.set(dataQ);
        });
    }

    private Bool reg2(ClockDomain d, String name) {
        return withClockValue(d, () -> reg(name, Bool(), 0));
    }

    private <T> T withClockValue(ClockDomain d, java.util.function.Supplier<T> make) {
        Object[] out = new Object[1];
        withClock(d, () -> out[0] = make.get());
        @SuppressWarnings("unchecked")
        T t = (T) out[0];
        return t;
    }

    /** Wires an instance's clocks and resets to two domains of the parent (both with resets). */
    public static void connect(InstanceHandle sync, ClockDomain source, ClockDomain destination) {
        sync.bool("clk_src").set(source.clock());
        sync.bool("rst_src").set(activeHigh(source));
        sync.bool("clk_dst").set(destination.clock());
        sync.bool("rst_dst").set(activeHigh(destination));
    }

    private static Bool activeHigh(ClockDomain d) {
        return d.resetKind().activeLow() ? d.reset().not() : d.reset();
    }
}
