package sohu.verify.xformer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.ToLongBiFunction;
import sohu.core.array.ArrayConfig;
import sohu.core.fp.FpFormat;
import sohu.core.xformer.VectorConfig;
import sohu.core.xformer.rtl.VectorUnit;
import sohu.verify.Block;
import sohu.verify.BlockCheck;
import sohu.verify.CheckContext;
import sohu.verify.Level;

/**
 * The vector unit of a configuration: {@link #lanes} lanes (the array's columns, at most
 * {@value #MAX_LANES} so the Verilator build stays short), activations in the array's format,
 * {@link VectorChecks#DEPTH} words. One check per function of {@link VectorChecks} (every opcode,
 * reductions, softmax, RMSNorm, RoPE, converted writes, counters under stalls), then rounds of
 * fresh random rows through all of them but RoPE and the conversion (smoke: none, full:
 * {@value #ROUNDS_FULL}, exhaustive: {@value #ROUNDS_EXHAUSTIVE}). Every check opens its own
 * simulation of the one build.
 */
public final class VectorBlock implements Block {
    /** The most lanes the block builds. */
    public static final int MAX_LANES = 4;
    /** Random rounds at the full level. */
    static final int ROUNDS_FULL = 16;
    /** Random rounds at the exhaustive level. */
    static final int ROUNDS_EXHAUSTIVE = 256;

    @Override
    public String name() {
        return "vector";
    }

    /** The lanes the block builds for an array: its columns, rounded down to a power of two, at most {@value #MAX_LANES}. */
    public static int lanes(ArrayConfig cfg) {
        return Integer.highestOneBit(Math.min(cfg.cols(), MAX_LANES));
    }

    @Override
    public List<BlockCheck> checks(ArrayConfig cfg, Level level) {
        VectorUnit.Params p = new VectorUnit.Params(new VectorConfig(lanes(cfg), cfg.format()), VectorChecks.DEPTH);
        FpFormat f = cfg.format();
        List<BlockCheck> out = new ArrayList<>();
        out.add(check(p, "opcodes", VectorChecks::opcodes));
        out.add(check(p, "reductions", VectorChecks::reductions));
        out.add(check(p, "softmax", (u, r) -> VectorChecks.softmax(u, f, r)));
        out.add(check(p, "rmsnorm", VectorChecks::rmsNorm));
        out.add(check(p, "rope", VectorChecks::rope));
        out.add(check(p, "converted-writes", (u, r) -> VectorChecks.convertedWrites(u, f)));
        out.add(check(p, "counters", (u, r) -> VectorChecks.counters(u, f, r)));
        int rounds = switch (level) {
            case SMOKE -> 0;
            case FULL -> ROUNDS_FULL;
            case EXHAUSTIVE -> ROUNDS_EXHAUSTIVE;
        };
        for (int i = 0; i < rounds; i++) {
            out.add(check(p, String.format(Locale.ROOT, "random-%03d", i), (u, r) -> VectorChecks.opcodes(u, r)
                    + VectorChecks.reductions(u, r) + VectorChecks.softmax(u, f, r) + VectorChecks.rmsNorm(u, r)
                    + VectorChecks.counters(u, f, r)));
        }
        return out;
    }

    private BlockCheck check(VectorUnit.Params p, String what, ToLongBiFunction<VectorUnitDriver, SplittableRandom> body) {
        return BlockCheck.of(name(), what, ctx -> run(ctx, p, body));
    }

    private static long run(CheckContext ctx, VectorUnit.Params p, ToLongBiFunction<VectorUnitDriver, SplittableRandom> body) {
        var sim = ctx.open(p.moduleName() + "_d" + p.depth(), () -> VectorUnitDriver.circuit(p), VectorUnitDriver.OPTIONS);
        try (VectorUnitDriver u = new VectorUnitDriver(p, sim, ctx.window())) {
            return body.applyAsLong(u, new SplittableRandom(ctx.seed()));
        }
    }
}
