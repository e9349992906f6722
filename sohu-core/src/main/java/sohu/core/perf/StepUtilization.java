package sohu.core.perf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import sohu.core.array.ArrayConfig;
import sohu.core.compile.CoreConfig;
import sohu.core.fp.FpFormat;
import sohu.core.model.ModelSpec;
import sohu.core.model.SequenceChunk;

/**
 * A Sohu chip's utilization from the step cycle model instead of a constant: the queried model's
 * step (one prompt's {@code prefill} tokens plus {@code decode} sequences at context
 * {@code prefill + decode}) compiled for one core of the named array and format and timed
 * instruction by instruction ({@link SegmentedStepModel}).
 *
 * <p>How the chip uses it: {@link #chip} keeps the default chip's multiply-add count
 * ({@link #CHIP_MACS}) in arrays of the named size, so peak FLOP/s stay those of the default
 * chip, and runs them at this utilization. That assumes the chip's arrays split the step's work
 * (tensor parallel inside the chip) without changing the efficiency of each core's share; the
 * server's parallelism and capacity rules ({@link ServerModel}) apply unchanged on top.
 *
 * @param model  the model
 * @param batch  the step
 * @param core   the core the step was compiled for
 * @param timing the step's cycles and their causes
 */
public record StepUtilization(TransformerSpec model, Batch batch, CoreConfig core, StepTiming timing) {
    /** Multiply-adds per chip: {@link SohuChip#DEFAULT}'s 64 arrays of 256 x 256 (an ASSUMPTION there). */
    public static final long CHIP_MACS = 64L * 256 * 256;
    /** RMSNorm epsilon of the compiled model (Llama-3's); it changes no cycle. */
    public static final double RMS_EPS = 1e-5;
    /** RoPE base of the compiled model (Llama-3's); it changes no cycle. */
    public static final double ROPE_THETA = 500000.0;

    /**
     * Times the step of {@code prefill + decode} tokens of {@code model} on one {@code rows x rows}
     * core in {@code format} ({@link CoreConfig#of}'s memories).
     *
     * @throws IllegalArgumentException when the compiler cannot compile the model for that core
     */
    public static StepUtilization of(TransformerSpec model, int prefill, int decode, int rows, FpFormat format) {
        return of(model, prefill, decode, CoreConfig.of(rows, format));
    }

    /**
     * Times the step of {@code prefill + decode} tokens of {@code model} on {@code core}.
     *
     * @throws IllegalArgumentException when the compiler cannot compile the model for that core
     */
    public static StepUtilization of(TransformerSpec model, int prefill, int decode, CoreConfig core) {
        Batch b = Batch.of(prefill, decode);
        ModelSpec spec = new ModelSpec(model.dModel(), model.ffnDim(), model.heads(), model.kvHeads(),
                model.headDim(), model.layers(), RMS_EPS, ROPE_THETA, model.vocab(), false);
        List<SequenceChunk> chunks = new ArrayList<>();
        if (prefill > 0) {
            chunks.add(new SequenceChunk(0, 0, new int[prefill]));
        }
        for (int s = 1; s <= decode; s++) {
            chunks.add(new SequenceChunk(s, b.decodeContext() - 1, new int[1]));
        }
        return new StepUtilization(model, b, core, SegmentedStepModel.run(spec, core, chunks, null));
    }

    /** The array utilization of the step. */
    public double utilization() {
        return timing.utilization();
    }

    /** {@code base} with arrays of this core's size (same MACs per chip) at this utilization. */
    public SohuChip chip(SohuChip base) {
        int arrays = (int) Math.max(1, CHIP_MACS / ((long) core.rows() * core.cols()));
        ArrayConfig a = ArrayConfig.of(core.rows(), core.cols(), core.format());
        return new SohuChip(base.name(), a, arrays, base.clockHz(), base.packsTwoFp8(), base.hbmBytesPerSecond(),
                base.hbmBytes(), base.interconnectBytesPerSecond(), utilization());
    }

    /** Lines for the report: the step, its cycles and utilization, and the loss by cause. */
    public String render() {
        StepLoss l = timing.loss();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "Sohu utilization from the step cycle model: %s, %d prefill + %d decode tokens (context %d), compiled "
                        + "for one %dx%d %s core and timed per instruction: %.4g cycles, ideal %.4g, utilization "
                        + "%.2f%%.%nCycles by cause:", model.name(), batch.prefillTokens(), batch.decodeTokens(),
                batch.decodeContext(), core.rows(), core.cols(), core.format().name().toLowerCase(Locale.ROOT),
                timing.cycles(), timing.idealCycles(), 100 * utilization()));
        double[] parts = l.parts();
        for (int i = 0; i < parts.length; i++) {
            sb.append(String.format(Locale.ROOT, " %s %.1f%%", StepLoss.NAMES[i], 100 * parts[i] / timing.cycles()));
        }
        return sb.append(String.format(Locale.ROOT, ".%nThe chip keeps %d MACs in %d arrays of %dx%d at that "
                        + "utilization.%n", CHIP_MACS, CHIP_MACS / ((long) core.rows() * core.cols()), core.rows(),
                core.cols())).toString();
    }
}
