package sohu.core.perf;

/**
 * Exact parameter count of a decoder-only transformer, by component.
 *
 * @param embedding token embedding table (vocab x d_model)
 * @param attention q, k, v and o projections over all layers (no biases, as in Llama)
 * @param ffn       SwiGLU gate, up and down matrices over all layers
 * @param norms     RMSNorm weights: two per layer plus the final norm
 * @param lmHead    output projection (d_model x vocab), untied from the embedding
 */
public record ParameterCount(long embedding, long attention, long ffn, long norms, long lmHead) {

    /** Counts the parameters of {@code m}. */
    public static ParameterCount of(TransformerSpec m) {
        long d = m.dModel();
        long embedding = (long) m.vocab() * d;
        long attention = (long) m.layers() * m.attentionParamsPerLayer();
        long ffn = (long) m.layers() * m.ffnParamsPerLayer();
        long norms = (2L * m.layers() + 1) * d;
        return new ParameterCount(embedding, attention, ffn, norms, embedding);
    }

    /** All parameters. */
    public long total() {
        return embedding + attention + ffn + norms + lmHead;
    }

    /** Parameters used in matrix multiplies (everything but the embedding lookup and norm weights). */
    public long matmul() {
        return attention + ffn + lmHead;
    }
}
