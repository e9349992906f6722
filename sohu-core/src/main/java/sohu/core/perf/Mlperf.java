package sohu.core.perf;

import java.util.List;
import java.util.Locale;

/**
 * Published MLPerf Inference results (closed division, Llama-2-70B, Offline, 8 GPUs, output tokens/s)
 * beside this model's prediction at one utilization per GPU generation.
 *
 * <p>Workload: mean output 294.45 tokens per sample (the reference's "tokens per sample",
 * mlcommons/inference language/llama2-70b/README.md), inputs and outputs at most 1024 tokens
 * ({@code processorca.py --seqlen_limit=1024}, same file). The mean input length is in no stored
 * source: {@link #INPUT_TOKENS} is an ASSUMPTION. In steady state a replica keeps {@code B} sequences
 * decoding at the mean context {@code input + output/2} and prefills {@code B x input/output} prompt
 * tokens per step; {@code B} is the most that fit in HBM, at most {@link #MAX_BATCH}.
 */
public final class Mlperf {
    private Mlperf() {
    }

    /** Mean output tokens per sample (reference accuracy target "Tokens per sample: 294.45"). */
    public static final double OUTPUT_TOKENS = 294.45;
    /** Mean input tokens per sample. ASSUMPTION: not found; taken equal to the mean output. */
    public static final int INPUT_TOKENS = 294;
    /** Largest in-flight batch per replica: NVIDIA's v5.0 Offline configs use 1024-2048. */
    public static final int MAX_BATCH = 2048;

    private static final String V41 = "mlcommons/inference_results_v4.1@a2f5d66 closed/NVIDIA/results/";
    private static final String V50 = "ntuhpc/mlperf_inference_results_v5.0@cf35411 closed/NVIDIA/results/";
    private static final Precision HOPPER = new Precision(NumberFormat.FP8, NumberFormat.FP8);
    private static final Precision BLACKWELL = new Precision(NumberFormat.FP4, NumberFormat.FP8);

    /**
     * One published result.
     *
     * @param round         MLPerf round
     * @param gpu           the GPU
     * @param precision     weights and KV formats of the submission (NVIDIA's configs)
     * @param tokensPerSecond published Offline output tokens/s of 8 GPUs
     * @param source        where the figure is
     */
    public record Result(String round, GpuSpec gpu, Precision precision, double tokensPerSecond, String source) { }

    /** The published figures. */
    public static final List<Result> RESULTS = List.of(
            new Result("v4.1", GpuSpec.H100_SXM, HOPPER, 24_524.9, V41 + "DGX-H100_H100-SXM-80GBx8_TRT"),
            new Result("v4.1", GpuSpec.H200, HOPPER, 31_302.7, V41 + "H200-SXM-141GBx8_TRT"),
            new Result("v5.0", GpuSpec.H100_SXM, HOPPER, 31_306.8, V50 + "DGX-H100_H100-SXM-80GBx8_TRT"),
            new Result("v5.0", GpuSpec.H200, HOPPER, 34_988.2, V50 + "H200-SXM-141GBx8_TRT"),
            new Result("v5.0", GpuSpec.B200, BLACKWELL, 98_858, V50 + "B200-SXM-180GBx8_TRT"));

    /** Chips in every published system. */
    public static final int CHIPS = 8;

    /** The steady-state step of one replica with {@code decode} sequences. */
    public static Batch step(int decode) {
        int prefill = (int) Math.round(decode * INPUT_TOKENS / OUTPUT_TOKENS);
        int context = (int) Math.round(INPUT_TOKENS + OUTPUT_TOKENS / 2);
        return new Batch(prefill, decode, context, INPUT_TOKENS);
    }

    /** The layout of 8 x {@code hw} with the most output tokens/s, each at the largest batch that fits it. */
    public static ServerOption predict(HardwareSpec hw, Precision prec) {
        ServerOption best = null;
        for (ServerOption o : ParallelMode.AUTO.options(TransformerSpec.LLAMA2_70B, step(1), prec, hw, CHIPS)) {
            int b = batchFor(hw, prec, o.parallelism());
            if (b < 1) {
                continue;
            }
            ServerOption full = ServerModel.evaluate(TransformerSpec.LLAMA2_70B, step(b), prec, hw, o.parallelism());
            if (best == null || full.outputTokensPerSecond() > best.outputTokensPerSecond()) {
                best = full;
            }
        }
        if (best == null) {
            throw new IllegalStateException("Llama-2-70B fits no layout of 8 x " + hw.name());
        }
        return best;
    }

    /** Largest decode batch (at most {@link #MAX_BATCH}) whose step fits under {@code par}; 0 if none. */
    static int batchFor(HardwareSpec hw, Precision prec, Parallelism par) {
        int lo = 0;
        int hi = MAX_BATCH;
        while (lo < hi) { // fit is monotone in the batch: more sequences never need less HBM
            int mid = (lo + hi + 1) / 2;
            if (ServerModel.capacity(TransformerSpec.LLAMA2_70B, step(mid), prec, hw, par).fits()) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Utilization at which the model gives {@code r}'s published figure; NaN if 100% does not. */
    public static double utilizationNeeded(Result r) {
        return UtilizationSearch.needed(r.gpu(), r.tokensPerSecond(),
                hw -> predict(hw, r.precision()).outputTokensPerSecond());
    }

    /** The table of {@code ./sohu perf --mlperf}. */
    public static String render() {
        TextTable t = new TextTable("round", "system", "precision", "published tok/s", "model tok/s", "ratio",
                "util", "util needed", "best layout", "batch/replica", "TPOT", "bound").left(1, 2, 8, 11);
        for (Result r : RESULTS) {
            ServerOption o = predict(r.gpu(), r.precision());
            t.row(r.round(), CHIPS + " x " + r.gpu().name(), r.precision().toString(),
                    Units.si(r.tokensPerSecond(), ""), Units.si(o.outputTokensPerSecond(), ""),
                    Units.ratio(o.outputTokensPerSecond() / r.tokensPerSecond()),
                    Units.percent(r.gpu().utilization()), Units.percent(utilizationNeeded(r)),
                    o.parallelism().label(), Integer.toString(o.batch().decodeTokens()),
                    Units.seconds(o.tpotSeconds()), o.step().bound().label());
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "MLPerf Inference, closed, Llama-2-70B (%s), Offline, 8 GPUs: published "
                + "output tokens/s beside the model.%n", TransformerSpec.LLAMA2_70B));
        sb.append(String.format(Locale.ROOT, "Workload: %.2f output tokens/sample (reference README), %d input "
                + "tokens/sample (ASSUMPTION: no stored source gives the mean input), at most 1024 each.%n",
                OUTPUT_TOKENS, INPUT_TOKENS));
        sb.append(String.format(Locale.ROOT, "Step per replica: B sequences at context %d plus B x %d/%.2f prompt "
                + "tokens; B = most that fit in %.0f%% of HBM, <= %d. util: one per generation (Hopper %s, Blackwell "
                + "%s), calibrated here.%n", step(1).decodeContext(), INPUT_TOKENS, OUTPUT_TOKENS,
                HardwareSpec.USABLE_MEMORY * 100, MAX_BATCH, Units.percent(GpuSpec.HOPPER_UTILIZATION),
                Units.percent(GpuSpec.BLACKWELL_UTILIZATION)));
        sb.append(t.render());
        sb.append("Sources:\n");
        for (Result r : RESULTS) {
            sb.append("  ").append(r.round()).append(' ').append(r.gpu().name()).append(": ").append(r.source())
                    .append("/llama2-70b-*/Offline/performance/run_1/mlperf_log_summary.txt\n");
        }
        return sb.toString();
    }
}
