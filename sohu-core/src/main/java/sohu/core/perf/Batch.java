package sohu.core.perf;

/**
 * One inference step that mixes prefill and decode tokens, as in the announcement: one prompt of
 * {@code prefillTokens} enters while {@code decodeTokens} running sequences each emit one token
 * after attending to {@code decodeContext} cached tokens.
 *
 * <p>In steady state with 2048-token prompts and 128 output tokens, 127 sequences decode while one
 * new prompt is prefilled, and the prefill emits that prompt's first output token; so a step emits
 * {@code decodeTokens + 1} output tokens (128) for {@code prefillTokens + decodeTokens} processed
 * (2175).
 *
 * @param prefillTokens tokens of the single prompt being prefilled (0 for none)
 * @param decodeTokens  sequences decoding one token each
 * @param decodeContext keys each decode token attends to (its KV cache length, itself included)
 */
public record Batch(int prefillTokens, int decodeTokens, int decodeContext) {

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
    }

    /** A batch whose decode context is {@code prefill + decode}, the announcement's convention. */
    public static Batch of(int prefill, int decode) {
        return new Batch(prefill, decode, Math.max(1, prefill + decode));
    }

    /** Tokens processed: input (prefill) plus decode. */
    public int totalTokens() {
        return prefillTokens + decodeTokens;
    }

    /** Output tokens emitted: one per decoding sequence plus the first token of the prefilled prompt. */
    public int outputTokens() {
        return decodeTokens + (prefillTokens > 0 ? 1 : 0);
    }
}
