package sohu.core.sched;

/**
 * What one served step did and cost (a row of {@code steps.csv}).
 *
 * @param step          step number
 * @param prefillTokens prompt tokens in the batch
 * @param decodeTokens  decode tokens in the batch
 * @param cycles        cycles the engine counted
 * @param utilization   array busy cycles over cycles
 * @param kvBlocksInUse KV blocks held after the step
 * @param preemptions   sequences preempted to form the step
 */
public record StepRecord(int step, int prefillTokens, int decodeTokens, long cycles, double utilization,
                         int kvBlocksInUse, int preemptions) {
}
