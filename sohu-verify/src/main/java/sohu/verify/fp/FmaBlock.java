package sohu.verify.fp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import sohu.core.array.ArrayConfig;
import sohu.core.fp.FpFormat;
import sohu.core.fp.rtl.FmaTop;
import sohu.verify.Block;
import sohu.verify.BlockCheck;
import sohu.verify.CheckContext;
import sohu.verify.Level;

/**
 * The FMA tile of a configuration (its format and latency, as a standalone {@link FmaTop}):
 * boundary operands crossed, random triples in chunks of {@value #CHUNK}, and for FP8 formats
 * every (a, b) pair, in eight chunks of 32 values of a.
 *
 * <p>Per level: smoke runs one random chunk and the FP8 pairs with two addends; full eight
 * random chunks (2 million operations) and the pairs with every addend of
 * {@link FmaChecks#ADDENDS} plus derived ones; exhaustive 80 chunks (20 million) and the pairs
 * with four rounds of derived addends.
 */
public final class FmaBlock implements Block {
    /** Random operations per check. */
    static final long CHUNK = 250_000;
    /** One cycle in this many is idle (in_valid low), as in the tests. */
    private static final int IDLE_ONE_IN = 8;

    @Override
    public String name() {
        return "fma";
    }

    @Override
    public List<BlockCheck> checks(ArrayConfig cfg, Level level) {
        FpFormat f = cfg.format();
        int latency = cfg.latency();
        List<BlockCheck> out = new ArrayList<>();
        out.add(check("boundary", f, latency, (h, r) -> FmaChecks.boundary(h, f, r)));
        if (f.width() == 8) {
            int[] addends = level == Level.SMOKE ? new int[] {0x00000000, 0x80000000} : FmaChecks.ADDENDS;
            int rounds = switch (level) {
                case SMOKE -> 0;
                case FULL -> 1;
                case EXHAUSTIVE -> 4;
            };
            for (int chunk = 0; chunk < 8; chunk++) {
                int from = chunk * 32;
                out.add(check(String.format(Locale.ROOT, "pairs-%02x-%02x", from, from + 31), f, latency,
                        (h, r) -> FmaChecks.pairs(h, f, from, from + 32, addends, rounds, r)));
            }
        }
        int chunks = switch (level) {
            case SMOKE -> 1;
            case FULL -> 8;
            case EXHAUSTIVE -> 80;
        };
        for (int i = 0; i < chunks; i++) {
            out.add(check(String.format(Locale.ROOT, "random-%02d", i), f, latency, (h, r) -> FmaChecks.random(h, f, CHUNK, r)));
        }
        return out;
    }

    /** A check body over a harness of the tile. */
    private interface Stream {
        long run(FmaHarness h, SplittableRandom r);
    }

    private BlockCheck check(String what, FpFormat f, int latency, Stream s) {
        return BlockCheck.of(name(), what, ctx -> run(ctx, f, latency, s));
    }

    private static long run(CheckContext ctx, FpFormat f, int latency, Stream s) {
        String design = "fma_" + f.name().toLowerCase(Locale.ROOT) + "_l" + latency;
        var sim = ctx.open(design, () -> FmaTop.elaborate(f, latency), FmaHarness.OPTIONS);
        try (FmaHarness h = FmaHarness.onTop(sim, f, latency, ctx.seed(), IDLE_ONE_IN, ctx.window())) {
            return s.run(h, new SplittableRandom(ctx.seed() ^ 0x5DEECE66DL));
        }
    }
}
