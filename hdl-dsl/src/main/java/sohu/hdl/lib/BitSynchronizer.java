package sohu.hdl.lib;

import static sohu.hdl.Types.Bool;

import sohu.hdl.Bool;
import sohu.hdl.Module;

/**
 * Brings a one-bit level from another clock domain into this module's clock: a chain of
 * {@code stages} flip-flops without reset (two is the usual choice). Instantiate it
 * inside {@code withClock(destination, ...)}; the clock-crossing check accepts its
 * {@code d} pin from any domain. The output follows the input {@code stages} to
 * {@code stages + 1} destination cycles later. Multi-bit values need
 * {@link HandshakeSynchronizer} instead: their bits could arrive in different cycles.
 */
public final class BitSynchronizer extends Module {
    /** Number of flip-flops (at least 2). */
    public record Params(int stages) { }

    /** Builds the chain. */
    public BitSynchronizer(Params p) {
        if (p.stages() < 2) {
            throw new IllegalArgumentException("BitSynchronizer needs at least 2 stages, got " + p.stages());
        }
        name("BitSynchronizer_s" + p.stages());
        Bool d = input("d", Bool());
        Bool q = output("q", Bool());
        Bool prev = d;
        for (int i = 0; i < p.stages(); i++) {
            Bool s = reg("sync_" + i, Bool());
            s.set(prev);
            prev = s;
        }
        q.set(prev);
    }
}
