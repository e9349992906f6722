package sohu.core.model;

/**
 * A Llama-family decoder's hyperparameters, as a Hugging Face {@code config.json} names them.
 * Everything the chip needs to know about a model: the seed's point is that transformers differ
 * only in these numbers.
 *
 * @param hiddenSize        model width (hidden_size)
 * @param intermediateSize  SwiGLU inner width (intermediate_size)
 * @param numHeads          query heads (num_attention_heads)
 * @param numKvHeads        key/value heads, grouped-query attention (num_key_value_heads)
 * @param headDim           width of one head (head_dim; hidden_size / num_attention_heads when absent)
 * @param numLayers         decoder layers (num_hidden_layers)
 * @param rmsNormEps        RMSNorm epsilon (rms_norm_eps)
 * @param ropeTheta         RoPE base (rope_theta)
 * @param vocabSize         vocabulary (vocab_size)
 * @param tieWordEmbeddings whether lm_head reuses embed_tokens (tie_word_embeddings)
 */
public record ModelSpec(int hiddenSize, int intermediateSize, int numHeads, int numKvHeads, int headDim,
                        int numLayers, double rmsNormEps, double ropeTheta, int vocabSize,
                        boolean tieWordEmbeddings) {

    /** Query heads sharing one KV head. */
    public int groupSize() {
        return numHeads / numKvHeads;
    }

    /** Width of the concatenated query heads. */
    public int qDim() {
        return numHeads * headDim;
    }

    /** Width of the concatenated key (or value) heads. */
    public int kvDim() {
        return numKvHeads * headDim;
    }

    /** The tiny model the tests use: hidden 64, 4 query heads, 2 KV heads, head_dim 16, 2 layers. */
    public static ModelSpec tiny() {
        return new ModelSpec(64, 176, 4, 2, 16, 2, 1e-5, 10000.0, 512, false);
    }
}
