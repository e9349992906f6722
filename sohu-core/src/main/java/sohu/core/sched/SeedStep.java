package sohu.core.sched;

import java.util.ArrayList;
import java.util.List;
import sohu.core.compile.KvState;
import sohu.core.model.ModelSpec;
import sohu.core.model.SequenceChunk;
import sohu.core.perf.TransformerSpec;

/**
 * The seed's batching step scaled down to what a simulator runs: one prompt's {@code prefill}
 * tokens plus one decode token each of {@code decode} other sequences (2048 + 127 for
 * Llama-3-70B), on a Llama whose ratio of linear to attention FLOPs per token equals
 * Llama-3-70B's at its 2175-token context.
 *
 * <p>Why the shape: per token, linear FLOPs grow as {@code d²} and attention FLOPs as
 * {@code d × context}, so the ratio is kept by scaling the width with the context:
 * {@code hidden = 8192 × (prefill + decode) / 2175} (rounded to a multiple of 16), with
 * Llama-3-70B's proportions: 8 query heads sharing 1 KV head (its group of 8), {@code head_dim =
 * hidden / 8}, FFN {@code 3.5 × hidden}. The vocabulary is scaled so the LM head keeps its share
 * of the linear FLOPs at {@code layers} layers ({@code 128256 / 8192 × hidden × layers / 80}).
 * The decode sequences attend to {@code prefill + decode} positions, the announcement's
 * convention; their cached keys and values are whatever the HBM image holds (zeros on a fresh
 * image): the step's timing does not depend on values.
 *
 * <p>A decode-only step ({@link #decodeOnly()}) is the same step without its prompt: the same
 * model and decode sequences, no prefill tokens; what a step is without batching.
 *
 * @param prefill    tokens of the prompt prefilled in the mixed step (positions 0 .. prefill-1)
 * @param decode     sequences decoding one token each
 * @param layers     decoder layers of the scaled model
 * @param decodeOnly leave the prompt out of the batch
 */
public record SeedStep(int prefill, int decode, int layers, boolean decodeOnly) {
    /** The model the seed's figure is about. */
    public static final TransformerSpec TARGET = TransformerSpec.LLAMA3_70B;
    /** The seed step's context: 2048 prompt tokens + 127 decode sequences. */
    public static final int TARGET_CONTEXT = 2175;
    /** Decode sequences per prefill token in the seed step (127 / 2048, rounded to 1/16). */
    public static final int PREFILL_PER_DECODE = 16;
    /** Layers of the scaled model unless stated: two, so a layer boundary is in the step. */
    public static final int DEFAULT_LAYERS = 2;
    /** Query heads of the scaled model (one KV head: Llama-3-70B's group of 8). */
    public static final int HEADS = 8;

    /** Validates the counts. */
    public SeedStep {
        if (prefill < 0 || decode < 0 || prefill + decode == 0) {
            throw new IllegalArgumentException("seed step: need prefill >= 0 and decode >= 0 tokens, at least one in "
                    + "all; got " + prefill + " prefill and " + decode + " decode");
        }
        if (layers < 1) {
            throw new IllegalArgumentException("seed step: layers must be at least 1, got " + layers);
        }
        if (decodeOnly && decode == 0) {
            throw new IllegalArgumentException("seed step: a decode-only step needs decode sequences; got 0");
        }
        if (hiddenFor(prefill + decode) < 16) {
            throw new IllegalArgumentException("seed step: " + (prefill + decode) + " tokens give a model narrower "
                    + "than 16; use at least 3 tokens (prefill + decode)");
        }
    }

    /** The seed's shape scaled: {@code prefill} tokens plus {@code prefill / 16} decode sequences. */
    public static SeedStep of(int prefill) {
        return new SeedStep(prefill, prefill / PREFILL_PER_DECODE, DEFAULT_LAYERS, false);
    }

    /** The same step without its prompt. */
    public SeedStep withoutPrefill() {
        return new SeedStep(prefill, decode, layers, true);
    }

    /** "mixed" or "decode-only". */
    public String kind() {
        return decodeOnly ? "decode-only" : "mixed";
    }

    /** Keys each decode token attends to, itself included ({@code prefill + decode}, also decode-only). */
    public int context() {
        return prefill + decode;
    }

    /** The width for a context: Llama-3-70B's 8192 scaled by {@code context / 2175}, a multiple of 16. */
    static int hiddenFor(int context) {
        return (int) Math.round(8192.0 * context / TARGET_CONTEXT / 16) * 16;
    }

    /** Tokens in the step. */
    public int tokens() {
        return (decodeOnly ? 0 : prefill) + decode;
    }

    /** Prompt tokens in the step (0 when decode-only). */
    public int prefillTokens() {
        return decodeOnly ? 0 : prefill;
    }

    /** The scaled model (the same for the mixed and the decode-only step). */
    public ModelSpec model() {
        int d = hiddenFor(context());
        int ffn = (int) Math.round(3.5 * d / 16) * 16;
        int vocab = Math.max(16, (int) Math.round((double) TARGET.vocab() / TARGET.dModel() * d * layers
                / TARGET.layers() / 8) * 8);
        return new ModelSpec(d, ffn, HEADS, 1, d / HEADS, layers, 1e-5, 500000.0, vocab, false);
    }

    /** The scaled model as the performance model describes it (for its FLOP counts). */
    public TransformerSpec transformer() {
        ModelSpec m = model();
        return new TransformerSpec("seed-step-" + m.hiddenSize(), m.numLayers(), m.hiddenSize(), m.numHeads(),
                m.numKvHeads(), m.headDim(), m.intermediateSize(), m.vocabSize());
    }

    /** Linear over attention FLOPs per token of the scaled model at {@link #context()}. */
    public double flopRatio() {
        TransformerSpec t = transformer();
        return t.linearFlopsPerToken() / t.attentionFlopsPerToken(context());
    }

    /** Linear over attention FLOPs per token of Llama-3-70B at 2175 tokens of context. */
    public static double targetFlopRatio() {
        return TARGET.linearFlopsPerToken() / TARGET.attentionFlopsPerToken(TARGET_CONTEXT);
    }

    /**
     * Records the decode sequences' cached positions in {@code kv} (sequences 1 .. decode, each
     * {@code context - 1} positions), so the step's decode tokens continue them.
     */
    public void cacheContexts(KvState kv) {
        for (int s = 1; s <= decode; s++) {
            kv.append(s, 0, context() - 1);
        }
    }

    /** The batch: sequence 0's prompt (token ids cycling through the vocabulary), then one token per decode sequence. */
    public List<SequenceChunk> batch() {
        int vocab = model().vocabSize();
        List<SequenceChunk> b = new ArrayList<>();
        if (prefillTokens() > 0) {
            int[] prompt = new int[prefill];
            for (int i = 0; i < prefill; i++) {
                prompt[i] = (7 * i + 1) % vocab;
            }
            b.add(new SequenceChunk(0, 0, prompt));
        }
        for (int s = 1; s <= decode; s++) {
            b.add(new SequenceChunk(s, context() - 1, new int[] {s % vocab}));
        }
        return b;
    }

    /** KV blocks of {@code blockTokens} the step needs (prompt and every decode context). */
    public int kvBlocks(int blockTokens) {
        int perDecode = (context() + blockTokens - 1) / blockTokens;
        return (prefillTokens() + blockTokens - 1) / blockTokens + decode * perDecode;
    }
}
