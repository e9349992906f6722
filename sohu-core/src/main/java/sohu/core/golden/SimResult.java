package sohu.core.golden;

/**
 * What a run of the golden simulator measured (estimated cycles, see {@link CostModel}).
 *
 * @param cycles          cycles from the start to the last instruction's end, queues overlapping
 * @param arrayBusyCycles ideal array cycles of the GEMMs, {@code Σ M·K·N / (R·C)}
 * @param queueBusy       busy cycles of the load, compute and store queues
 * @param start           each instruction's start cycle
 * @param end             each instruction's end cycle
 * @param waitedFor       per instruction, the queue (ordinal) whose token made it start later than its
 *                        own queue was free, or -1 when it started as soon as its queue was free
 * @param maxTokens       the most tokens ever waiting in one of the four token queues
 */
public record SimResult(long cycles, long arrayBusyCycles, long[] queueBusy, long[] start, long[] end, byte[] waitedFor,
                        int maxTokens) {
    /** Array utilization over the run. */
    public double utilization() {
        return cycles == 0 ? 0 : (double) arrayBusyCycles / cycles;
    }
}
