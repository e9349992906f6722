package sohu.core.perf;

import java.util.OptionalDouble;

/**
 * The figures stated in the Sohu announcement, and the assumptions under which this model
 * reproduces them. The constants are the announcement's numbers, kept only to print beside (and
 * test against) what the model computes.
 *
 * <ul>
 *   <li>304 TFLOP = (2048 + 127) x 70B x 2: linear FLOPs only, every parameter charged per token.</li>
 *   <li>72 GB = 127 x 64 x 8 x 128 x (2048 + 127) x 2 x 2: the Llama-3-70B KV formula with 64 (the
 *       query-head count) where the layer count (80) belongs; the real shape gives 90.5 GB.</li>
 *   <li>6.8 PFLOPS for an H200 = linear FLOPs / ((weights + the 72 GB KV) / 4.8 TB/s).</li>
 * </ul>
 */
public final class Announcement {
    private Announcement() {
    }

    /** FLOPs of one 2048 + 127 batch on Llama-3-70B. */
    public static final double FLOPS_PER_BATCH = 304e12;
    /** BF16 weights of Llama-3-70B. */
    public static final double WEIGHT_BYTES = 140e9;
    /** KV cache read by the 127 decode sequences. */
    public static final double KV_BYTES = 72e9;
    /** H200 FLOP/s needed to keep up with its memory bandwidth at 100% utilization. */
    public static final double H200_BALANCE_FLOPS = 6.8e15;
    /** Claimed 8 x Sohu server throughput. */
    public static final double SOHU_TOKENS_PER_SECOND = 500_000;
    /** Stated 8 x H100 server throughput. */
    public static final double H100_TOKENS_PER_SECOND = 23_000;
    /** Stated 8 x B200 server throughput. */
    public static final double B200_TOKENS_PER_SECOND = 45_000;
    /** Chips in the servers compared. */
    public static final int SERVER_CHIPS = 8;
    /** The number the KV formula uses in place of the layer count. */
    public static final int KV_FORMULA_LAYERS = 64;

    /** The announcement's model. */
    public static final TransformerSpec MODEL = TransformerSpec.LLAMA3_70B;
    /** The announcement's batch. */
    public static final Batch BATCH = Batch.ANNOUNCEMENT;
    /** Format of the announcement's byte figures. */
    public static final NumberFormat BYTES_FORMAT = NumberFormat.BF16;
    /** Format of the server claims (FP8 deployments). */
    public static final NumberFormat CLAIM_FORMAT = NumberFormat.FP8;

    /** KV bytes by the announcement's formula: the model's shape with 64 layers. */
    public static double kvBytesByFormula(TransformerSpec model, Batch batch, NumberFormat format) {
        return BatchCost.of(model.withLayers(KV_FORMULA_LAYERS), batch, format).kvReadBytes();
    }

    /**
     * The cost as the announcement's 6.8 PFLOPS arithmetic sees it: linear FLOPs only (no attention),
     * all weights plus the formula's KV read, no KV write.
     */
    public static BatchCost costAsAnnounced(TransformerSpec model, Batch batch, NumberFormat format) {
        BatchCost real = BatchCost.of(model, batch, format);
        return new BatchCost(real.linearFlops(), 0, real.weightBytes(), kvBytesByFormula(model, batch, format), 0,
                real.allReduceBytes(), real.allReducesPerStep());
    }

    /** The claimed server tokens/s for this hardware: H100 23k, B200 45k, any Sohu chip 500k. */
    public static OptionalDouble claimFor(HardwareSpec hw) {
        if (hw instanceof SohuChip) {
            return OptionalDouble.of(SOHU_TOKENS_PER_SECOND);
        }
        return switch (Names.key(hw.name())) {
            case "h100" -> OptionalDouble.of(H100_TOKENS_PER_SECOND);
            case "b200" -> OptionalDouble.of(B200_TOKENS_PER_SECOND);
            default -> OptionalDouble.empty();
        };
    }
}
