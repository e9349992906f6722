package sohu.cli.batching;

import java.util.List;
import java.util.Locale;
import sohu.cli.sweep.SweepPoint;
import sohu.core.perf.StepLoss;
import sohu.core.perf.TextTable;
import sohu.core.sched.SeedStep;
import sohu.verify.soc.RtlStepCounters;

/** The bench's printed result: the step's shape and FLOP ratio, then one row per point. */
public final class BatchingTable {
    private BatchingTable() { }

    /** The shape of the step of {@code s} and its ratio of linear to attention FLOPs beside Llama-3-70B's. */
    public static String header(BatchingSettings s) {
        SeedStep step = new SeedStep(s.prefill(), s.decode(), s.layers(), false);
        var m = step.model();
        double target = SeedStep.targetFlopRatio();
        return String.format(Locale.ROOT,
                "Seed step scaled: %d prefill + %d decode tokens (context %d) on a random Llama of hidden %d, FFN %d, "
                        + "%d heads of %d sharing %d KV head, %d layers, vocabulary %d; core memories of %d words.%n"
                        + "Linear/attention FLOPs per token: Llama-3-70B at %d tokens %.2f; this model at %d tokens "
                        + "%.2f (%+.1f%%).%n",
                s.prefill(), s.decode(), step.context(), m.hiddenSize(), m.intermediateSize(), m.numHeads(),
                m.headDim(), m.numKvHeads(), m.numLayers(), m.vocabSize(), s.depth(), SeedStep.TARGET_CONTEXT, target,
                step.context(), step.flopRatio(), 100 * (step.flopRatio() / target - 1));
    }

    /**
     * One row per point: cycles, utilization and every loss of the model as a share of its step's
     * cycles; on the RTL (a run has one engine) the cycles are the RTL's, the golden column gives
     * way to the model's difference from them, and a second table splits the RTL's cycles by its
     * counters.
     */
    public static String render(List<BatchingResult> results) {
        boolean rtl = results.stream().anyMatch(r -> r.rtl() != null);
        String[] cols = new String[7 + StepLoss.NAMES.length - 1];
        String[] head = {"array", "format", "step", "tokens", "cycles", rtl ? "model" : "golden", "util"};
        System.arraycopy(head, 0, cols, 0, head.length);
        for (int i = 1; i < StepLoss.NAMES.length; i++) {
            cols[head.length + i - 1] = StepLoss.NAMES[i];
        }
        TextTable t = new TextTable(cols).left(1, 2, 3);
        for (BatchingResult r : results) {
            BatchingPoint p = r.point();
            if (!r.ok()) {
                String[] row = new String[cols.length];
                java.util.Arrays.fill(row, "-");
                row[0] = p.array();
                row[1] = SweepPoint.name(p.format());
                row[2] = p.kind();
                row[3] = "FAILED: " + r.note();
                t.row(row);
                continue;
            }
            String[] row = new String[cols.length];
            row[0] = p.array();
            row[1] = SweepPoint.name(p.format());
            row[2] = p.kind();
            row[3] = Integer.toString(r.tokens());
            row[4] = BatchingCsv.fixed(r.engineCycles(), 0);
            row[5] = r.rtl() != null ? String.format(Locale.ROOT, "%+.1f%%", 100 * (r.modelRatio() - 1))
                    : r.goldenCycles() < 0 ? "-" : r.goldenCycles() == Math.round(r.cycles()) ? "equal" : "DIFFERS";
            row[6] = percent(r.utilization());
            double[] parts = r.loss().parts();
            for (int i = 1; i < parts.length; i++) {
                row[head.length + i - 1] = percent(parts[i] / r.cycles());
            }
            t.row(row);
        }
        return "Array utilization = ideal array cycles (sum of M*K*N / (R*C)) / step cycles"
                + (rtl ? " (the RTL's; model = the step cycle model's cycles against them); the other columns are the "
                + "model's cycles lost by cause, in % of its step:\n" : "; the other columns are the step's cycles lost by "
                + "cause, in % of the step:\n") + t.render() + (rtl ? rtlTable(results) : "");
    }

    /**
     * The losses the RTL's counters show, in % of the RTL step, beside the model's grouped the same
     * way (rtl / model): GEMM overhead is fill, drain and stalls; other compute is vector, moves
     * and scalar instructions.
     */
    private static String rtlTable(List<BatchingResult> results) {
        String[] names = RtlStepCounters.NAMES;
        String[] cols = new String[3 + names.length];
        cols[0] = "array";
        cols[1] = "format";
        cols[2] = "step";
        for (int i = 0; i < names.length; i++) {
            cols[3 + i] = names[i] + " rtl/model";
        }
        TextTable t = new TextTable(cols).left(1, 2);
        for (BatchingResult r : results) {
            if (r.rtl() == null) {
                continue;
            }
            double[] rtl = r.rtl().parts();
            double[] model = grouped(r.loss());
            String[] row = new String[cols.length];
            row[0] = r.point().array();
            row[1] = SweepPoint.name(r.point().format());
            row[2] = r.point().kind();
            for (int i = 0; i < names.length; i++) {
                row[3 + i] = percent(rtl[i] / r.rtl().cycles()) + " / " + percent(model[i] / r.cycles());
            }
            t.row(row);
        }
        return "RTL counters (array_busy, array_cycles, compute_busy, cycles) by cause, in % of the RTL step, "
                + "beside the model's in % of its step:\n" + t.render();
    }

    /** The model's loss in the RTL counters' groups ({@link RtlStepCounters#NAMES}). */
    static double[] grouped(StepLoss l) {
        return new double[] {l.useful(), l.padding(), l.fill() + l.drain() + l.weights() + l.sums(),
            l.vector() + l.moves() + l.scalar(), l.waiting()};
    }

    private static String percent(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
