package sohu.cli.batching;

import sohu.core.perf.StepLoss;

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
 * @param loss         the cycles by cause (null when failed)
 */
public record BatchingResult(BatchingPoint point, BatchingSettings settings, boolean ok, String note, int tokens,
                             int instructions, double cycles, long goldenCycles, StepLoss loss) {
    /** A point that could not run. */
    public static BatchingResult failed(BatchingPoint p, BatchingSettings s, String why) {
        return new BatchingResult(p, s, false, why, 0, 0, 0, -1, null);
    }

    /** Array utilization: ideal array cycles over cycles. */
    public double utilization() {
        return ok && cycles > 0 ? loss.useful() / cycles : 0;
    }
}
