package sohu.core.perf;

import java.util.List;
import java.util.Locale;

/**
 * Shape of a Llama-style decoder-only transformer (grouped-query attention, SwiGLU FFN, RMSNorm,
 * untied LM head). Presets: {@link #LLAMA3_70B}, {@link #LLAMA3_8B}, {@link #LLAMA2_70B}; any other
 * shape may be built with the canonical constructor.
 *
 * @param name    identifier used by {@link #byName}
 * @param layers  decoder layers
 * @param dModel  hidden size
 * @param heads   query heads
 * @param kvHeads key/value heads (divides {@code heads})
 * @param headDim dimension of one head
 * @param ffnDim  FFN intermediate size
 * @param vocab   vocabulary size
 */
public record TransformerSpec(String name, int layers, int dModel, int heads, int kvHeads, int headDim,
                              int ffnDim, int vocab) {

    /** Meta Llama-3-70B. */
    public static final TransformerSpec LLAMA3_70B =
            new TransformerSpec("llama3-70b", 80, 8192, 64, 8, 128, 28672, 128256);
    /**
     * Meta Llama-2-70B (the MLPerf Inference model): 80 layers, hidden 8192, 64/8 heads, FFN 28672,
     * vocabulary 32000 (Llama-2-70b-chat-hf config.json).
     */
    public static final TransformerSpec LLAMA2_70B =
            new TransformerSpec("llama2-70b", 80, 8192, 64, 8, 128, 28672, 32000);
    /** Meta Llama-3-8B. */
    public static final TransformerSpec LLAMA3_8B =
            new TransformerSpec("llama3-8b", 32, 4096, 32, 8, 128, 14336, 128256);

    public TransformerSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (layers <= 0 || dModel <= 0 || heads <= 0 || kvHeads <= 0 || headDim <= 0 || ffnDim <= 0
                || vocab <= 0) {
            throw new IllegalArgumentException("all dimensions must be positive: " + name);
        }
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException("heads (" + heads + ") must be a multiple of kvHeads (" + kvHeads + ")");
        }
    }

    /** The built-in models. */
    public static List<TransformerSpec> presets() {
        return List.of(LLAMA3_70B, LLAMA3_8B, LLAMA2_70B);
    }

    /**
     * Looks a preset up by name, ignoring case and punctuation ("Llama-3-70B" finds "llama3-70b").
     *
     * @throws IllegalArgumentException listing the valid names
     */
    public static TransformerSpec byName(String name) {
        for (TransformerSpec m : presets()) {
            if (Names.key(m.name()).equals(Names.key(name))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown model '" + name + "'; valid: "
                + String.join(", ", presets().stream().map(TransformerSpec::name).toList()));
    }

    /** Same shape with another layer count (used to reproduce the announcement's 64-layer KV figure). */
    public TransformerSpec withLayers(int newLayers) {
        return new TransformerSpec(name + "@" + newLayers + "L", newLayers, dModel, heads, kvHeads, headDim, ffnDim,
                vocab);
    }

    /** q, k, v, o projection weights of one layer. */
    public long attentionParamsPerLayer() {
        long q = (long) dModel * heads * headDim;
        long kv = 2L * dModel * kvHeads * headDim;
        long o = (long) heads * headDim * dModel;
        return q + kv + o;
    }

    /** Gate, up and down matrices of one SwiGLU FFN. */
    public long ffnParamsPerLayer() {
        return 3L * dModel * ffnDim;
    }

    /** Exact parameter count by component. */
    public ParameterCount parameters() {
        return ParameterCount.of(this);
    }

    /** FLOPs of the linear layers (all projections, FFN and LM head) for one token, at 2 FLOPs per MAC. */
    public double linearFlopsPerToken() {
        return 2.0 * parameters().matmul();
    }

    /**
     * Attention FLOPs (QK^T and AV, 2 FLOPs per MAC) for one token attending to {@code context}
     * keys, itself included.
     */
    public double attentionFlopsPerToken(long context) {
        return 2.0 * 2.0 * layers * heads * headDim * (double) context;
    }

    /** Bytes of all weights stored in {@code f}. */
    public double weightBytes(NumberFormat f) {
        return (double) parameters().total() * f.bytes();
    }

    /** KV-cache bytes one token adds: K and V, every layer, every KV head. */
    public double kvBytesPerToken(NumberFormat f) {
        return 2.0 * layers * kvHeads * headDim * f.bytes();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s(L=%d, d=%d, heads=%d/%d, hd=%d, ffn=%d, vocab=%d)", name, layers,
                dModel, heads, kvHeads, headDim, ffnDim, vocab);
    }
}
