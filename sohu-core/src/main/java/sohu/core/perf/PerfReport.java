package sohu.core.perf;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Plain-text report of the performance model: a per-hardware roofline table for the queried
 * workload, and a table setting the announcement's figures beside the model's.
 *
 * <p>Token counting: "tok/s all" counts input (prefill) and output tokens, i.e. every token
 * processed; "tok/s out" counts output tokens only ({@link Batch#outputTokens()} per step).
 */
public final class PerfReport {
    private PerfReport() {
    }

    /** Both tables for {@link PerfQuery#defaults()}. */
    public static String render() {
        return render(PerfQuery.defaults());
    }

    /** Header, the roofline table for {@code q}, and the announcement comparison. */
    public static String render(PerfQuery q) {
        return table(q) + "\n" + comparison(q);
    }

    /** The roofline table for {@link PerfQuery#defaults()}. */
    public static String table() {
        return table(PerfQuery.defaults());
    }

    /**
     * One row per hardware: FLOPs, weight and KV bytes per step, compute/memory/comm time, bound,
     * tokens/s of a {@code q.chips()}-chip server at the chip's utilization, and the roofline
     * utilization that the announcement's claim for that chip (if any) requires.
     */
    public static String table(PerfQuery q) {
        Batch b = q.batch();
        BatchCost cost = BatchCost.of(q.model(), b, q.format());
        TextTable t = new TextTable("hardware", "peak/chip", "util", "FLOP/step", "weights", "KV read",
                "compute", "memory", "comm", "bound", "tok/s all", "tok/s out", "claim", "util@claim all",
                "util@claim out");
        for (HardwareSpec hw : q.hardware()) {
            ServerThroughput tp = ServerThroughput.predict(q.model(), b, q.format(), hw, q.chips());
            StepTime s = tp.step();
            OptionalDouble claim = Announcement.claimFor(hw);
            String claimAll = "-";
            String claimOut = "-";
            if (claim.isPresent()) {
                claimAll = Units.percent(ClaimAnalysis.of(q.model(), b, q.format(), hw, q.chips(),
                        claim.getAsDouble(), TokenCounting.ALL_TOKENS).rooflineUtilization());
                claimOut = Units.percent(ClaimAnalysis.of(q.model(), b, q.format(), hw, q.chips(),
                        claim.getAsDouble(), TokenCounting.OUTPUT_TOKENS).rooflineUtilization());
            }
            t.row(hw.name(), Units.si(hw.peakFlops(q.format()), "FLOP/s"), Units.percent(hw.utilization()),
                    Units.si(cost.totalFlops(), "FLOP"), Units.si(cost.weightBytes(), "B"),
                    Units.si(cost.kvReadBytes(), "B"), Units.seconds(s.computeSeconds()),
                    Units.seconds(s.memorySeconds()), Units.seconds(s.commSeconds()),
                    s.bound().name().toLowerCase(Locale.ROOT), Units.si(tp.allTokensPerSecond(), ""),
                    Units.si(tp.outputTokensPerSecond(), ""),
                    claim.isPresent() ? Units.si(claim.getAsDouble(), "") : "-", claimAll, claimOut);
        }
        String head = String.format(Locale.ROOT,
                "Model %s, step of %d prefill + %d decode tokens (decode context %d), %s weights/KV/math, "
                        + "%d-chip tensor-parallel server.%n"
                        + "step = max(compute, memory) + comm; tok/s all = input (prefill) + output tokens, "
                        + "tok/s out = output tokens only (%d per step).%n"
                        + "util@claim = utilization the announcement's server claim needs in this step model "
                        + "(unreach. = memory + comm alone exceed the step).%n",
                q.model(), b.prefillTokens(), b.decodeTokens(), b.decodeContext(), q.format(), q.chips(),
                b.outputTokens());
        return head + t.render();
    }

    /**
     * The announcement's figures beside the model's. Always uses the announcement's workload
     * (Llama-3-70B, 2048 + 127, 8 chips, BF16 bytes, FP8 claims) because its numbers refer to it;
     * the Sohu chip is the first {@link SohuChip} in {@code q.hardware()}, else {@link SohuChip#DEFAULT}.
     */
    public static String comparison(PerfQuery q) {
        return arithmetic() + "\n" + claims(sohuChip(q));
    }

    private static String arithmetic() {
        TransformerSpec m = Announcement.MODEL;
        Batch b = Announcement.BATCH;
        NumberFormat f = Announcement.BYTES_FORMAT;
        BatchCost cost = BatchCost.of(m, b, f);
        BatchCost asAnnounced = Announcement.costAsAnnounced(m, b, f);
        double balanceAnnounced = Roofline.balanceFlops(asAnnounced, GpuSpec.H200);
        double balanceModel = Roofline.balanceFlops(cost, GpuSpec.H200);
        double kvFormula = Announcement.kvBytesByFormula(m, b, f);
        TextTable t = new TextTable("quantity", "announced", "model", "ratio", "model assumption").left(4);
        row(t, "FLOPs per step", Announcement.FLOPS_PER_BATCH, cost.linearFlops(), "FLOP",
                "linear only: 2 x matmul params x 2175 tokens");
        row(t, "FLOPs per step", Announcement.FLOPS_PER_BATCH, cost.totalFlops(), "FLOP",
                "linear + attention (causal prefill, QK^T and AV)");
        row(t, "BF16 weights", Announcement.WEIGHT_BYTES, cost.weightBytes(), "B",
                "all " + m.parameters().total() + " params x 2 B");
        row(t, "KV cache read", Announcement.KV_BYTES, kvFormula, "B",
                "announcement formula: 64 in place of " + m.layers() + " layers");
        row(t, "KV cache read", Announcement.KV_BYTES, cost.kvReadBytes(), "B",
                "real shape: " + m.layers() + " layers x 8 KV heads x 128 x 2 (K,V) x 2 B x 127 x 2175");
        row(t, "H200 FLOP/s to match HBM", Announcement.H200_BALANCE_FLOPS, balanceAnnounced, "FLOP/s",
                "linear FLOPs / ((weights + 64-layer KV) / 4.8 TB/s)");
        row(t, "H200 FLOP/s to match HBM", Announcement.H200_BALANCE_FLOPS, balanceModel, "FLOP/s",
                "all FLOPs / ((weights + 80-layer KV read + KV write) / 4.8 TB/s)");
        return "Announcement vs model: arithmetic (Llama-3-70B, 2048 prefill + 127 decode, BF16)\n" + t.render();
    }

    private static void row(TextTable t, String what, double announced, double model, String unit, String how) {
        t.row(what, Units.si(announced, unit), Units.si(model, unit), Units.ratio(model / announced), how);
    }

    private static String claims(SohuChip sohu) {
        TransformerSpec m = Announcement.MODEL;
        Batch b = Announcement.BATCH;
        NumberFormat f = Announcement.CLAIM_FORMAT;
        int n = Announcement.SERVER_CHIPS;
        TextTable t = new TextTable("server", "claim tok/s", "counts", "step", "FLOP/s per chip", "FP8 peak",
                "util (compute only)", "util (roofline+comm)", "model tok/s").left(2);
        for (HardwareSpec hw : List.<HardwareSpec>of(GpuSpec.H100_SXM, GpuSpec.B200, sohu)) {
            double claim = Announcement.claimFor(hw).orElseThrow();
            ServerThroughput tp = ServerThroughput.predict(m, b, f, hw, n);
            for (TokenCounting c : TokenCounting.values()) {
                ClaimAnalysis a = ClaimAnalysis.of(m, b, f, hw, n, claim, c);
                t.row(n + " x " + hw.name(), Units.si(claim, ""),
                        c == TokenCounting.ALL_TOKENS ? "input+output" : "output only", Units.seconds(a.stepSeconds()),
                        Units.si(a.requiredFlopsPerChip(), "FLOP/s"), Units.si(hw.peakFlops(f), "FLOP/s"),
                        Units.percent(a.computeOnlyUtilization()), Units.percent(a.rooflineUtilization()),
                        Units.si(tp.tokensPerSecond(c), "") + " @" + Units.percent(hw.utilization()));
            }
        }
        return String.format(Locale.ROOT,
                "Announcement vs model: server claims (Llama-3-70B FP8, %d chips; a step of %d tokens emits %d "
                        + "output tokens, so output-only claims need %.1fx the work)%n",
                n, b.totalTokens(), b.outputTokens(), (double) b.totalTokens() / b.outputTokens()) + t.render();
    }

    private static SohuChip sohuChip(PerfQuery q) {
        for (HardwareSpec hw : q.hardware()) {
            if (hw instanceof SohuChip s) {
                return s;
            }
        }
        return SohuChip.DEFAULT;
    }
}
