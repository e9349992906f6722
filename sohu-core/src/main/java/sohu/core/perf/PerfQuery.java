package sohu.core.perf;

import java.util.List;

/**
 * Options of a performance report (what {@code ./sohu perf} passes in).
 *
 * @param model    transformer to run
 * @param prefill  prompt tokens prefilled in the step
 * @param decode   sequences decoding one token in the step (their context is {@code prefill + decode})
 * @param format   format of weights, KV cache and matrix math
 * @param chips    chips per server
 * @param hardware chips to compare
 * @param parallel which layouts of the server's chips to evaluate
 */
public record PerfQuery(TransformerSpec model, int prefill, int decode, NumberFormat format, int chips,
                        List<HardwareSpec> hardware, ParallelMode parallel) {

    public PerfQuery {
        if (model == null || format == null || hardware == null || hardware.isEmpty() || parallel == null) {
            throw new IllegalArgumentException("model, format, parallel mode and a non-empty hardware list are "
                    + "required");
        }
        if (chips < 1) {
            throw new IllegalArgumentException("chips must be >= 1: " + chips);
        }
        hardware = List.copyOf(hardware);
        Batch.of(prefill, decode); // validates the token counts
    }

    /** Llama-3-70B, 2048 prefill + 127 decode, BF16, 8 chips, all preset hardware, every layout. */
    public static PerfQuery defaults() {
        return new PerfQuery(Announcement.MODEL, Announcement.BATCH.prefillTokens(),
                Announcement.BATCH.decodeTokens(), NumberFormat.BF16, Announcement.SERVER_CHIPS,
                HardwareSpec.presets(), ParallelMode.AUTO);
    }

    /** The step being modelled. */
    public Batch batch() {
        return Batch.of(prefill, decode);
    }

    /** With another model. */
    public PerfQuery withModel(TransformerSpec m) {
        return new PerfQuery(m, prefill, decode, format, chips, hardware, parallel);
    }

    /** With another prefill/decode mix. */
    public PerfQuery withBatch(int newPrefill, int newDecode) {
        return new PerfQuery(model, newPrefill, newDecode, format, chips, hardware, parallel);
    }

    /** With another number format. */
    public PerfQuery withFormat(NumberFormat f) {
        return new PerfQuery(model, prefill, decode, f, chips, hardware, parallel);
    }

    /** With another server size. */
    public PerfQuery withChips(int n) {
        return new PerfQuery(model, prefill, decode, format, n, hardware, parallel);
    }

    /** With another set of layouts. */
    public PerfQuery withParallel(ParallelMode p) {
        return new PerfQuery(model, prefill, decode, format, chips, hardware, p);
    }

    /** With other hardware rows. */
    public PerfQuery withHardware(List<HardwareSpec> hw) {
        return new PerfQuery(model, prefill, decode, format, chips, hw, parallel);
    }
}
