package sohu.core.sched;

/**
 * The knobs of continuous batching.
 *
 * @param tokenBudget most tokens (decode plus prefill) in one step
 * @param totalBlocks KV-cache blocks on the chip
 * @param blockTokens positions per KV block (16 in vLLM)
 */
public record SchedulerConfig(int tokenBudget, int totalBlocks, int blockTokens) {
    public SchedulerConfig {
        if (tokenBudget < 1) {
            throw new IllegalArgumentException("--token-budget must be at least 1 token, got " + tokenBudget);
        }
        if (totalBlocks < 1 || blockTokens < 1) {
            throw new IllegalArgumentException("the KV cache needs at least one block of at least one token, got "
                    + totalBlocks + " blocks of " + blockTokens);
        }
    }

    /** Positions the whole cache holds. */
    public int capacityTokens() {
        return totalBlocks * blockTokens;
    }
}
