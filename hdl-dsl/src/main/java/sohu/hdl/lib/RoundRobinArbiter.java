package sohu.hdl.lib;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;

import sohu.hdl.Bool;
import sohu.hdl.Hw;
import sohu.hdl.Module;
import sohu.hdl.Types;
import sohu.hdl.UInt;

/**
 * Grants one of {@code n} requesters per cycle, starting the search just after the last
 * requester granted, so every persistent requester is served within n grants.
 * {@code grant} is one-hot (zero when nothing is requested); the priority advances
 * only when {@code accept} is high.
 */
public final class RoundRobinArbiter extends Module {
    /** Number of requesters. */
    public record Params(int n) { }

    /** Builds the arbiter. */
    public RoundRobinArbiter(Params p) {
        if (p.n() < 2) {
            throw new IllegalArgumentException("RoundRobinArbiter needs at least 2 requesters, got " + p.n());
        }
        name("RoundRobinArbiter_n" + p.n());
        int n = p.n();
        UInt req = input("req", UInt(n));
        Bool accept = input("accept", Bool());
        UInt grant = output("grant", UInt(n));
        UInt grantIndex = output("grant_index", UInt(Types.bitsFor(n)));
        UInt last = reg("last", UInt(Types.bitsFor(n)), n - 1);

        // Requests above the last winner first; if none, the lowest request overall.
        UInt above = Hw.fill(n, bool(true)).shl(last.addExpand(uint(1, 1)));
        UInt masked = req.and(above);
        UInt pick = Hw.mux(masked.orR(), masked, req);
        UInt lowest = wire("lowest", UInt(n));
        lowest.set(pick.and(pick.not().addWrap(1)));
        grant.set(lowest);

        UInt index = uint(0, grantIndex.width());
        for (int i = 1; i < n; i++) {
            index = index.or(Hw.mux(lowest.bit(i), uint(i, grantIndex.width()), uint(0, grantIndex.width())));
        }
        grantIndex.set(index);
        when(accept.and(req.orR()), () -> last.set(grantIndex));
    }
}
