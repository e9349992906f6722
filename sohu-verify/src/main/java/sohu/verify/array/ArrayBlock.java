package sohu.verify.array;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToLongBiFunction;
import sohu.core.array.ArrayConfig;
import sohu.core.array.EngineStatus;
import sohu.core.array.MatrixEngine;
import sohu.verify.Block;
import sohu.verify.BlockCheck;
import sohu.verify.CheckContext;
import sohu.verify.Level;

/**
 * The matrix engine of a configuration: one check per GEMM of {@link GemmChecks#cases} (smoke:
 * six; full and exhaustive: eight), GEMMs of random shapes (full: {@value #RANDOM_FULL}, exhaustive:
 * {@value #RANDOM_EXHAUSTIVE}), then bad commands, host accesses while busy, and the utilization of a large GEMM from the
 * counters. Every check opens its own simulation of the one build.
 */
public final class ArrayBlock implements Block {
    /** GEMMs of random shapes at the full level. */
    static final int RANDOM_FULL = 8;
    /** GEMMs of random shapes at the exhaustive level. */
    static final int RANDOM_EXHAUSTIVE = 48;

    @Override
    public String name() {
        return "array";
    }

    @Override
    public List<BlockCheck> checks(ArrayConfig cfg, Level level) {
        List<BlockCheck> out = new ArrayList<>();
        List<GemmChecks.Case> cases = GemmChecks.cases(cfg.rows(), cfg.cols(), true, level != Level.SMOKE);
        List<GemmChecks.Case> mustFit = new ArrayList<>(cases);
        mustFit.add(new GemmChecks.Case(8 * cfg.rows(), 2 * cfg.rows(), 2 * cfg.cols(), false, 0, 0, 0, 0, 0)); // utilization
        requireFit(cfg, mustFit);
        for (int i = 0; i < cases.size(); i++) {
            GemmChecks.Case cs = cases.get(i);
            out.add(check(cfg, "gemm-" + (i + 1), (d, r) -> GemmChecks.runAndCheck(d, cs, r)));
        }
        int shapes = switch (level) {
            case SMOKE -> 0;
            case FULL -> RANDOM_FULL;
            case EXHAUSTIVE -> RANDOM_EXHAUSTIVE;
        };
        for (int i = 0; i < shapes; i++) {
            out.add(check(cfg, String.format(java.util.Locale.ROOT, "gemm-random-%02d", i),
                    (d, r) -> GemmChecks.runAndCheck(d, GemmChecks.randomCase(d.cfg, r), r)));
        }
        out.add(check(cfg, "bad-commands", GemmChecks::badCommands));
        out.add(check(cfg, "busy-ignored", GemmChecks::busyIgnored));
        out.add(check(cfg, "utilization", (d, r) -> {
            GemmChecks.Utilization u = GemmChecks.utilization(d, r);
            return (long) u.command().m() * u.command().n();
        }));
        return out;
    }

    /**
     * Fails (before anything is built) when the scratchpads cannot hold the fixed GEMMs.
     *
     * @throws IllegalArgumentException naming the smallest depth that fits
     */
    static void requireFit(ArrayConfig cfg, List<GemmChecks.Case> cases) {
        for (int d = cfg.aDepth(); d <= 65536; d *= 2) {
            ArrayConfig c = cfg.withDepth(d);
            if (cases.stream().allMatch(cs -> cs.command(c).check(c) == EngineStatus.OK)) {
                if (d != cfg.aDepth()) {
                    throw new IllegalArgumentException("scratchpads of " + cfg.aDepth() + " words per bank are too small for "
                            + "the matrix engine's checks of a " + cfg.rows() + "x" + cfg.cols() + " array; use --depth "
                            + d + " or more");
                }
                return;
            }
        }
        throw new IllegalArgumentException("no scratchpad depth holds the matrix engine's checks of a " + cfg.rows() + "x"
                + cfg.cols() + " array");
    }

    private BlockCheck check(ArrayConfig cfg, String what, ToLongBiFunction<EngineDriver, Random> body) {
        return BlockCheck.of(name(), what, ctx -> run(ctx, cfg, body));
    }

    private static long run(CheckContext ctx, ArrayConfig cfg, ToLongBiFunction<EngineDriver, Random> body) {
        var sim = ctx.open("engine_" + cfg.tag() + "_d" + cfg.aDepth(), () -> MatrixEngine.elaborate(cfg), EngineDriver.options(cfg));
        try (EngineDriver d = new EngineDriver(cfg, sim, ctx.window())) {
            return body.applyAsLong(d, new Random(ctx.seed()));
        }
    }
}
