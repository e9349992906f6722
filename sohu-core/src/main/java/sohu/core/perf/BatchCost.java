package sohu.core.perf;

/**
 * Work and traffic of one {@link Batch} on a whole (unsharded) model; independent of the chip.
 *
 * @param linearFlops        projections, FFN and LM head for every token (the LM head is charged
 *                           for prefill tokens too, as the announcement's 2 x params x tokens does)
 * @param attentionFlops     QK^T and AV: causal within each prompt, {@code decodeContext} keys per decode token
 * @param weightBytes        all weights, read once per step
 * @param kvReadBytes        KV cache read by the decode tokens
 * @param kvWriteBytes       KV cache written for every new token
 * @param allReduceBytes     activation bytes of one tensor-parallel all-reduce (tokens x d_model)
 * @param allReducesPerStep  all-reduces per step: two per layer (after attention and after the FFN, as in Megatron TP)
 */
public record BatchCost(double linearFlops, double attentionFlops, double weightBytes, double kvReadBytes,
                        double kvWriteBytes, double allReduceBytes, int allReducesPerStep) {

    /** Costs {@code batch} on {@code model} with weights and KV cache stored in {@code format}. */
    public static BatchCost of(TransformerSpec model, Batch batch, NumberFormat format) {
        return of(model, batch, Precision.of(format));
    }

    /** Costs {@code batch} on {@code model} in precision {@code p}. */
    public static BatchCost of(TransformerSpec model, Batch batch, Precision p) {
        long tokens = batch.totalTokens();
        long len = batch.promptLength();
        // Causal prefill: prompt position i attends to i keys, so each full prompt costs len(len+1)/2 keys.
        double prefillKeys = batch.prefillTokens() == 0 ? 0 : batch.prefillTokens() * (len + 1) / 2.0;
        double decodeKeys = (double) batch.decodeTokens() * batch.decodeContext();
        double kvPerToken = model.kvBytesPerToken(p.kv());
        return new BatchCost(
                tokens * model.linearFlopsPerToken(),
                model.attentionFlopsPerToken(1) * (prefillKeys + decodeKeys),
                model.weightBytes(p.weights()),
                decodeKeys * kvPerToken,
                tokens * kvPerToken,
                (double) tokens * model.dModel() * p.activationBytes(),
                2 * model.layers());
    }

    /** Linear plus attention FLOPs. */
    public double totalFlops() {
        return linearFlops + attentionFlops;
    }

    /** Weights, KV read and KV write. */
    public double memoryBytes() {
        return weightBytes + kvReadBytes + kvWriteBytes;
    }

    /** Same cost with another KV read volume (to plug in the announcement's KV figure). */
    public BatchCost withKvReadBytes(double bytes) {
        return new BatchCost(linearFlops, attentionFlops, weightBytes, bytes, kvWriteBytes, allReduceBytes,
                allReducesPerStep);
    }
}
