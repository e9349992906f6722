package sohu.core.perf;

/** Which tokens a tokens/s figure counts. */
public enum TokenCounting {
    /** Input (prefill) and output tokens: every token processed. */
    ALL_TOKENS,
    /** Output (generated) tokens only, as serving benchmarks usually report. */
    OUTPUT_TOKENS;

    /** Tokens of {@code batch} this convention counts per step. */
    public int tokensPerStep(Batch batch) {
        return this == ALL_TOKENS ? batch.totalTokens() : batch.outputTokens();
    }
}
