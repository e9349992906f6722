package sohu.cli.batching;

import sohu.core.perf.StepLoss;
import sohu.verify.soc.RtlStepCounters;

/**
 * A measured point (or one that failed, with the reason in {@code note}).
 *
 * @param point        the point
 * @param settings     the run's settings
 * @param ok           whether it ran
 * @param note         why it failed, else empty
 * @param tokens       tokens in the step
 * @param instructions instructions in the compiled program
 * @param cycles       the step's cycles (step cycle model)
 * @param goldenCycles the golden simulator's cycles (equal to {@code cycles}), -1 when it did not run
 * @param loss         the model's cycles by cause (null when failed)
 * @param rtl          the RTL core's counters for the step, null unless it ran on the RTL
 */
public record BatchingResult(BatchingPoint point, BatchingSettings settings, boolean ok, String note, int tokens,
                             int instructions, double cycles, long goldenCycles, StepLoss loss, RtlStepCounters rtl) {
    /** A point that could not run. */
    public static BatchingResult failed(BatchingPoint p, BatchingSettings s, String why) {
        return new BatchingResult(p, s, false, why, 0, 0, 0, -1, null, null);
    }

    /** The engine's cycles: the RTL's when it ran, else the model's. */
    public double engineCycles() {
        return rtl != null ? rtl.cycles() : cycles;
    }

    /** The model's cycles over the engine's (1 for golden and model). */
    public double modelRatio() {
        return ok && engineCycles() > 0 ? cycles / engineCycles() : 0;
    }

    /** Array utilization: ideal array cycles over the engine's cycles. */
    public double utilization() {
        return ok && engineCycles() > 0 ? loss.useful() / engineCycles() : 0;
    }
}
