package sohu.core.perf;

import java.util.ArrayList;
import java.util.List;
import sohu.core.compile.CoreConfig;
import sohu.core.compile.StepSegments;
import sohu.core.model.ModelSpec;
import sohu.core.model.SequenceChunk;

/**
 * The step cycle model for steps too large to compile whole: the {@link StepCycleModel} of each
 * distinct piece of the step ({@link StepSegments}) times its count. Equal to the step cycle model
 * of the whole compiled program (the tests check it on compiled steps), so it predicts full-size
 * models and arrays from the compiler's own instruction streams.
 *
 * <p>Rows wider than one VECTOR (Llama-3's FFN rows, Llama-3-70B's hidden and query rows) are
 * compiled in pieces as the compiler does for any step, so full-size models are timed as they run.
 */
public final class SegmentedStepModel {
    private SegmentedStepModel() {
    }

    /**
     * One piece's share of a step.
     *
     * @param name   the piece
     * @param count  how many times it runs
     * @param timing its timing, once (without the barrier and finish its program carries; the first
     *               piece with the step's finish)
     */
    public record Piece(String name, long count, StepTiming timing) { }

    /**
     * The timing of the step of {@code batch} (see {@link StepSegments#forEach}).
     *
     * @param pieces receives every distinct piece's timing, or {@code null}
     * @throws IllegalArgumentException when the compiler cannot compile the model for the core
     */
    public static StepTiming run(ModelSpec spec, CoreConfig core, List<SequenceChunk> batch, List<Piece> pieces) {
        return run(spec, core, batch, pieces, Calibration.NONE);
    }

    /** The same with each instruction's cycles corrected by {@code cal} ({@link StepCycleModel#run(sohu.core.isa.Program, CoreConfig, Calibration)}). */
    public static StepTiming run(ModelSpec spec, CoreConfig core, List<SequenceChunk> batch, List<Piece> pieces,
                                 Calibration cal) {
        List<Piece> out = pieces == null ? new ArrayList<>() : pieces;
        StepTiming matrices = sum(core, cal, out, "", sink -> StepSegments.matrixPieces(spec, core, batch, sink));
        return matrices.then(rows(spec, core, cal, batch, out));
    }

    /** The row phases, compiled as they are. */
    static StepTiming rows(ModelSpec spec, CoreConfig core, Calibration cal, List<SequenceChunk> batch, List<Piece> out) {
        return sum(core, cal, out, "", sink -> StepSegments.rowPieces(spec, core, batch, sink));
    }

    private interface Pieces {
        void emit(StepSegments.Sink sink);
    }

    private static StepTiming sum(CoreConfig core, Calibration cal, List<Piece> out, String suffix, Pieces source) {
        StepTiming empty = StepCycleModel.run(StepSegments.empty(), core, cal);
        StepTiming[] total = {StepTiming.zero()};
        source.emit((name, program, count, first) -> {
            StepTiming one = StepCycleModel.run(program, core, cal);
            if (!first) {
                one = one.then(empty.times(-1));
            }
            out.add(new Piece(name + suffix, count, one));
            total[0] = total[0].then(one.times(count));
        });
        return total[0];
    }
}
