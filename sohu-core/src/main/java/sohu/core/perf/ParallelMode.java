package sohu.core.perf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which parallel layouts of a server the report evaluates ({@code --parallel}): all chips tensor
 * parallel (every all-reduce algorithm, serial and overlapped), all pipeline, all data parallel, or
 * every combination {@code tp x pp x dp = chips} (each with its best all-reduce).
 */
public enum ParallelMode {
    TP, PP, DP, AUTO;

    /**
     * Parses "tp", "pp", "dp" or "auto" ignoring case.
     *
     * @throws IllegalArgumentException listing the valid names
     */
    public static ParallelMode byName(String s) {
        for (ParallelMode m : values()) {
            if (m.name().equalsIgnoreCase(s.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown parallelism '" + s + "'; valid: tp, pp, dp, auto");
    }

    /** Evaluated options on {@code chips} x {@code hw}, in a fixed order. */
    public List<ServerOption> options(TransformerSpec model, Batch batch, Precision prec, HardwareSpec hw, int chips) {
        List<ServerOption> out = new ArrayList<>();
        switch (this) {
            case TP -> out.addAll(tensorVariants(model, batch, prec, hw, chips, 1, 1));
            case PP -> out.add(ServerModel.evaluate(model, batch, prec, hw, new Parallelism(1, chips, 1,
                    AllReduce.RING, false)));
            case DP -> out.add(ServerModel.evaluate(model, batch, prec, hw, new Parallelism(1, 1, chips,
                    AllReduce.RING, false)));
            case AUTO -> {
                for (int tp = 1; tp <= chips; tp++) {
                    for (int pp = 1; pp <= chips / tp; pp++) {
                        if (chips % (tp * pp) != 0 || model.heads() % tp != 0 || pp > model.layers()) {
                            continue;
                        }
                        tensorVariants(model, batch, prec, hw, tp, pp, chips / (tp * pp)).stream()
                                .max(BEST).ifPresent(out::add);
                    }
                }
            }
        }
        return out;
    }

    /** The best option that fits: most tokens/s, then least time per output token. */
    public static Optional<ServerOption> best(List<ServerOption> options) {
        return options.stream().filter(ServerOption::fits).max(BEST);
    }

    /** Most tokens/s first, then least time per output token. */
    static final Comparator<ServerOption> BEST = Comparator.comparingDouble(ServerOption::allTokensPerSecond)
            .thenComparing(Comparator.comparingDouble(ServerOption::tpotSeconds).reversed());

    private static List<ServerOption> tensorVariants(TransformerSpec model, Batch batch, Precision prec,
                                                     HardwareSpec hw, int tp, int pp, int dp) {
        List<ServerOption> out = new ArrayList<>();
        for (AllReduce a : AllReduce.values()) {
            if (a == AllReduce.SWITCH && !hw.inSwitchReduction()) {
                continue;
            }
            for (boolean overlap : new boolean[] {false, true}) {
                out.add(ServerModel.evaluate(model, batch, prec, hw, new Parallelism(tp, pp, dp, a, overlap)));
                if (tp == 1) {
                    return out;
                }
            }
        }
        return out;
    }

    /** Lower-case name. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
