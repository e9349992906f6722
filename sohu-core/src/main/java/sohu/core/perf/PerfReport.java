package sohu.core.perf;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Plain-text report of the performance model: the hardware constants with their sources, the
 * queried step on every evaluated layout of the server with the best per hardware, and the
 * announcement's figures beside the model's.
 *
 * <p>Token counting: "tok/s all" counts input (prefill) and output tokens, i.e. every token
 * processed; "tok/s out" counts output tokens only ({@link Batch#outputTokens()} per step).
 */
public final class PerfReport {
    private PerfReport() {
    }

    /** The report for {@link PerfQuery#defaults()}. */
    public static String render() {
        return render(PerfQuery.defaults());
    }

    /** Header, constants, layouts for {@code q}, and the announcement comparison. */
    public static String render(PerfQuery q) {
        return constants(q.hardware()) + "\n" + layouts(q) + "\n" + comparison(q);
    }

    /** Every constant of {@code hardware} and the shared ones, with its source or ASSUMPTION. */
    public static String constants(List<HardwareSpec> hardware) {
        TextTable t = new TextTable("hardware", "quantity", "value", "source").left(1, 3);
        for (HardwareSpec hw : hardware) {
            for (Fact f : hw.facts()) {
                t.row(f.hardware(), f.quantity(), f.value(), f.source());
            }
        }
        for (Fact f : HardwareSpec.sharedFacts()) {
            t.row(f.hardware(), f.quantity(), f.value(), f.source());
        }
        return "Hardware constants (source, or ASSUMPTION where nothing published backs the value):\n" + t.render();
    }

    /**
     * Every layout {@code q.parallel()} evaluates, per hardware: HBM per chip (and what would fit when
     * it does not), compute, memory and communication time, the bound (largest term), time per output
     * token and tokens/s; then the best layout of each hardware.
     */
    public static String layouts(PerfQuery q) {
        Batch b = q.batch();
        Precision prec = Precision.of(q.format());
        TextTable all = new TextTable("hardware", "layout", "HBM/chip", "fits", "compute", "memory", "comm",
                "bound", "TPOT", "tok/s all", "tok/s out").left(1, 3, 7);
        TextTable best = new TextTable("hardware", "best layout", "util", "peak/chip", "weights/chip", "KV/chip",
                "act/chip", "HBM/chip", "bound", "TPOT", "tok/s all", "tok/s out").left(1, 8);
        for (HardwareSpec hw : q.hardware()) {
            List<ServerOption> options = q.parallel().options(q.model(), b, prec, hw, q.chips());
            for (ServerOption o : options) {
                StepTime s = o.step();
                String fits = o.fits() ? "yes" : "no: " + ServerModel.whatFits(q.model(), b, prec, hw, o.parallelism());
                all.row(hw.name(), o.parallelism().label(), ServerModel.usage(o.capacity()), fits,
                        Units.seconds(s.computeSeconds()), Units.seconds(s.memorySeconds()),
                        Units.seconds(s.commSeconds()), s.bound().label(),
                        o.fits() ? Units.seconds(o.tpotSeconds()) : "-",
                        o.fits() ? Units.si(o.allTokensPerSecond(), "") : "-",
                        o.fits() ? Units.si(o.outputTokensPerSecond(), "") : "-");
            }
            Optional<ServerOption> top = ParallelMode.best(options);
            if (top.isPresent()) {
                ServerOption o = top.get();
                best.row(hw.name(), o.parallelism().label(), Units.percent(hw.utilization()),
                        Units.si(hw.peakFlops(q.format()), "FLOP/s"), Units.si(o.capacity().weightBytes(), "B"),
                        Units.si(o.capacity().kvBytes(), "B"), Units.si(o.capacity().activationBytes(), "B"),
                        ServerModel.usage(o.capacity()), o.step().bound().label(), Units.seconds(o.tpotSeconds()),
                        Units.si(o.allTokensPerSecond(), ""), Units.si(o.outputTokensPerSecond(), ""));
            } else {
                best.row(hw.name(), "none fits", Units.percent(hw.utilization()),
                        Units.si(hw.peakFlops(q.format()), "FLOP/s"), "-", "-", "-", "-", "-", "-", "-", "-");
            }
        }
        String head = String.format(Locale.ROOT,
                "Model %s; each replica runs a step of %d prefill + %d decode tokens (decode context %d), %s "
                        + "weights/KV/math; %d-chip server, --parallel %s.%n"
                        + "Layouts tp x pp x dp: tok/s = replicas x tokens per step / step; TPOT = step (each "
                        + "sequence gains one token per step); tok/s out counts %d output tokens per step.%n"
                        + "step = max(compute, memory) + comm (serial) or max(compute, memory, comm) (overlap); "
                        + "bound = largest term; HBM/chip = weights + KV + activations of usable HBM; a layout that "
                        + "does not fit gets no throughput.%n",
                q.model(), b.prefillTokens(), b.decodeTokens(), b.decodeContext(), q.format(), q.chips(),
                q.parallel().label(), b.outputTokens());
        return head + all.render() + "\nBest layout per hardware (most tok/s among those that fit):\n"
                + best.render();
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
        Precision f = Precision.of(Announcement.CLAIM_FORMAT);
        int n = Announcement.SERVER_CHIPS;
        TextTable t = new TextTable("server", "claim tok/s", "layout", "model tok/s", "ratio", "TPOT", "bound",
                "util", "util for claim").left(2, 6);
        StringBuilder verdict = new StringBuilder();
        for (HardwareSpec hw : List.<HardwareSpec>of(GpuSpec.H100_SXM, GpuSpec.B200, sohu)) {
            double claim = Announcement.claimFor(hw).orElseThrow();
            List<ServerOption> auto = ParallelMode.AUTO.options(m, b, f, hw, n);
            ServerOption top = ParallelMode.best(auto).orElseThrow();
            ServerOption tp = ParallelMode.best(ParallelMode.TP.options(m, b, f, hw, n)).orElse(null);
            List<ServerOption> shown = tp == null || tp.parallelism().equals(top.parallelism())
                    ? List.of(top) : List.of(top, tp);
            for (ServerOption o : shown) {
                Parallelism par = o.parallelism();
                double need = UtilizationSearch.needed(hw, claim,
                        h -> ServerModel.evaluate(m, b, f, h, par).allTokensPerSecond());
                t.row(n + " x " + hw.name(), Units.si(claim, ""), par.label(), Units.si(o.allTokensPerSecond(), ""),
                        Units.ratio(o.allTokensPerSecond() / claim), Units.seconds(o.tpotSeconds()),
                        o.step().bound().label(), Units.percent(hw.utilization()), Units.percent(need));
            }
            if (hw == sohu) {
                verdict.append(String.format(Locale.ROOT, "The %s claim: best layout %s gives %s tok/s (%.1f%% of "
                                + "it) at %s per output token; all-tensor-parallel %s gives %s.%n",
                        Units.si(claim, ""), top.parallelism().label(), Units.si(top.allTokensPerSecond(), ""),
                        100 * top.allTokensPerSecond() / claim, Units.seconds(top.tpotSeconds()),
                        tp == null ? "-" : tp.parallelism().label(),
                        tp == null ? "-" : Units.si(tp.allTokensPerSecond(), "")));
            }
        }
        return String.format(Locale.ROOT,
                "Announcement vs model: server claims (Llama-3-70B FP8, %d chips, %d + %d tokens per replica step; "
                        + "claims count input + output tokens: output only would need %.1fx the work)%n",
                n, b.prefillTokens(), b.decodeTokens(), (double) b.totalTokens() / b.outputTokens())
                + t.render() + verdict;
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
