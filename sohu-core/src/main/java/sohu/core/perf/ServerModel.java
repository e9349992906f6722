package sohu.core.perf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Step time, throughput and HBM use of a transformer on a server of chips under a {@link Parallelism}.
 *
 * <p>Per replica of {@code tp x pp} chips, with {@code m = min(pp, sequences)} microbatches in flight
 * and the round of one step being {@code pp} microbatch slots (so a step with fewer sequences than
 * stages leaves a bubble of {@code 1 - m/pp}):
 * <pre>
 *   compute = FLOPs / (m x tp x peak x utilization)
 *   memory  = (weights / tp + KV traffic / (min(tp, kvHeads) x m)) / HBM bandwidth
 *             (each stage re-reads its weights for every microbatch)
 *   comm    = 2 L x (tokens/m x d x 2 B x factor / (link x efficiency) + steps x latency)   [tp > 1]
 *           + pp x (tokens/m x d x 2 B / (link x efficiency) + latency)                   [pp > 1]
 * </pre>
 * factor and steps come from the {@link AllReduce}; data-parallel replicas never communicate.
 */
public final class ServerModel {
    private ServerModel() {
    }

    /** Evaluates {@code batch} (per replica) of {@code model} in {@code prec} on {@code hw} under {@code par}. */
    public static ServerOption evaluate(TransformerSpec model, Batch batch, Precision prec, HardwareSpec hw,
                                        Parallelism par) {
        BatchCost cost = BatchCost.of(model, batch, prec);
        int t = par.tp();
        int p = par.pp();
        int kvShards = Math.min(t, model.kvHeads());
        int m = Math.min(p, batch.sequences());
        double peak = hw.peakFlops(prec.weights()) * hw.utilization();
        double compute = cost.totalFlops() / (m * t * peak);
        double kvTraffic = cost.kvReadBytes() + cost.kvWriteBytes();
        double memory = (cost.weightBytes() / t + kvTraffic / (kvShards * (double) m)) / hw.hbmBytesPerSecond();
        double link = hw.interconnectBytesPerSecond() * HardwareSpec.LINK_EFFICIENCY;
        double microBytes = cost.allReduceBytes() / m;
        double comm = 0;
        if (t > 1) {
            AllReduce a = par.allReduce();
            comm += cost.allReducesPerStep() * (microBytes * a.bytesFactor(t) / link
                    + a.steps(t) * HardwareSpec.LINK_STEP_SECONDS);
        }
        if (p > 1) {
            comm += p * (microBytes / link + HardwareSpec.LINK_STEP_SECONDS);
        }
        StepTime step = new StepTime(compute, memory, comm, par.overlapped() && t > 1);
        double round = step.totalSeconds();
        return new ServerOption(par, batch, capacity(model, batch, prec, hw, par), step, 1.0 - (double) m / p,
                par.dp() * batch.totalTokens() / round, par.dp() * batch.outputTokens() / round);
    }

    /** HBM use per chip. */
    public static Capacity capacity(TransformerSpec model, Batch batch, Precision prec, HardwareSpec hw,
                                    Parallelism par) {
        int t = par.tp();
        int p = par.pp();
        int kvShards = Math.min(t, model.kvHeads());
        int m = Math.min(p, batch.sequences());
        double weights = model.weightBytes(prec.weights()) / (t * p);
        double kv = batch.cachedTokens() * model.kvBytesPerToken(prec.kv()) / (kvShards * (double) p);
        // Live tensors of one layer: residual and normed input (2d), FFN gate and up (2 ffn / tp).
        double act = (double) batch.totalTokens() / m * (2.0 * model.dModel() + 2.0 * model.ffnDim() / t)
                * prec.activationBytes();
        return new Capacity(weights, kv, act, hw.hbmBytes() * HardwareSpec.USABLE_MEMORY);
    }

    /**
     * Largest number of decode sequences at the batch's context that fits beside the weights, the
     * prefill's KV and the batch's activations; 0 if none.
     */
    public static int maxDecodeSequences(TransformerSpec model, Batch batch, Precision prec, HardwareSpec hw,
                                         Parallelism par) {
        Capacity c = capacity(model, batch, prec, hw, par);
        double shards = Math.min(par.tp(), model.kvHeads()) * (double) par.pp();
        double perToken = model.kvBytesPerToken(prec.kv()) / shards;
        double free = c.usableBytes() - c.weightBytes() - c.activationBytes() - batch.prefillTokens() * perToken;
        double perSeq = batch.decodeContext() * perToken;
        return free <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.floor(free / perSeq));
    }

    /** Longest decode context at which the batch's decode sequences fit; 0 if none (or no decode). */
    public static int maxDecodeContext(TransformerSpec model, Batch batch, Precision prec, HardwareSpec hw,
                                       Parallelism par) {
        if (batch.decodeTokens() == 0) {
            return 0;
        }
        int perContext = maxDecodeSequences(model, new Batch(batch.prefillTokens(), batch.decodeTokens(), 1,
                batch.promptLength()), prec, hw, par);
        return perContext / batch.decodeTokens();
    }

    /**
     * What would fit when {@code par} does not: fewer decode sequences, a shorter context, FP8 weights
     * and KV, or more chips per replica (tensor parallel); empty when it fits.
     */
    public static String whatFits(TransformerSpec model, Batch batch, Precision prec, HardwareSpec hw,
                                  Parallelism par) {
        if (capacity(model, batch, prec, hw, par).fits()) {
            return "";
        }
        List<String> ways = new ArrayList<>();
        int seqs = maxDecodeSequences(model, batch, prec, hw, par);
        if (seqs > 0) {
            ways.add("<= " + seqs + " decode seqs");
        }
        int context = maxDecodeContext(model, batch, prec, hw, par);
        if (context > 0) {
            ways.add("context <= " + context);
        }
        Precision fp8 = Precision.of(NumberFormat.FP8);
        if (prec.weights().bytes() > 1 && capacity(model, batch, fp8, hw, par).fits()) {
            ways.add("fp8");
        }
        for (int n = 2 * par.chipsPerReplica(); n <= 64; n *= 2) {
            Parallelism more = new Parallelism(n, 1, 1, par.allReduce(), par.overlapped());
            if (model.heads() % n == 0 && capacity(model, batch, prec, hw, more).fits()) {
                ways.add(n + " chips/replica");
                break;
            }
        }
        return ways.isEmpty() ? "nothing on <= 64 chips" : String.join(" or ", ways);
    }

    /** "12.3/72.0 GB" style summary of a capacity. */
    static String usage(Capacity c) {
        return String.format(Locale.ROOT, "%.1f/%.1f GB", c.usedBytes() / 1e9, c.usableBytes() / 1e9);
    }
}
