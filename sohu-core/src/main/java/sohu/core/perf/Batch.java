package sohu.core.perf;

/**
 * One inference step that mixes prefill and decode tokens: {@code prefillTokens} prompt tokens
 * (prompts of {@code promptLength} each) enter while {@code decodeTokens} running sequences each
 * emit one token after attending to {@code decodeContext} cached tokens.
 *
 * <p>In the announcement's steady state (2048-token prompts, 128 output tokens) 127 sequences decode
 * while one new prompt is prefilled, and the prefill emits that prompt's first output token; so a step
 * emits {@code decodeTokens + prompts} output tokens (128) for {@code prefillTokens + decodeTokens}
 * processed (2175).
 *
 * @param prefillTokens tokens of the prompts being prefilled (0 for none)
 * @param decodeTokens  sequences decoding one token each
 * @param decodeContext keys each decode token attends to (its KV cache length, itself included)
 * @param promptLength  tokens per prompt (causal attention runs within a prompt; a step with fewer
 *                      prefill tokens than one prompt prefills a chunk of it)
 */
public record Batch(int prefillTokens, int decodeTokens, int decodeContext, int promptLength) {

    /** The announcement's batch: 2048 prefill + 127 decode at context 2048 + 127. */
    public static final Batch ANNOUNCEMENT = of(2048, 127);

    public Batch {
        if (prefillTokens < 0 || decodeTokens < 0 || prefillTokens + decodeTokens == 0) {
            throw new IllegalArgumentException("need a non-negative mix with at least one token: "
                    + prefillTokens + " prefill, " + decodeTokens + " decode");
        }
        if (decodeContext < 1) {
            throw new IllegalArgumentException("decodeContext must be positive: " + decodeContext);
        }
        if (promptLength < 1) {
            throw new IllegalArgumentException("promptLength must be positive: " + promptLength);
        }
    }

    /** One prompt of {@code prefillTokens}. */
    public Batch(int prefillTokens, int decodeTokens, int decodeContext) {
        this(prefillTokens, decodeTokens, decodeContext, Math.max(1, prefillTokens));
    }

    /** A batch whose decode context is {@code prefill + decode}, the announcement's convention. */
    public static Batch of(int prefill, int decode) {
        return new Batch(prefill, decode, Math.max(1, prefill + decode));
    }

    /** Tokens processed: input (prefill) plus decode. */
    public int totalTokens() {
        return prefillTokens + decodeTokens;
    }

    /** Prompts prefilled in the step. */
    public int prompts() {
        return (prefillTokens + promptLength - 1) / promptLength;
    }

    /** Sequences in the step (each can be its own pipeline microbatch). */
    public int sequences() {
        return decodeTokens + prompts();
    }

    /** Output tokens emitted: one per decoding sequence plus the first token of each prefilled prompt. */
    public int outputTokens() {
        return decodeTokens + prompts();
    }

    /** Tokens whose KV the step keeps: every decode context plus the prompts. */
    public double cachedTokens() {
        return (double) decodeTokens * decodeContext + prefillTokens;
    }
}
