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
 * <p>One extrapolation: a model wider than the ISA's vector-length field (8191 elements; Llama-3-70B's
 * hidden size is 8192) cannot have its row phases compiled. They are then timed at 1/D, 1/2D and
 * 1/4D of the width (D the smallest power of two that compiles) and extended linearly to the full
 * width, after checking that the three points lie on one line (else an error): every row
 * instruction's cycles are linear in its length when widths are whole multiples of the lanes.
 */
public final class SegmentedStepModel {
    /** Largest width divisor tried for row phases wider than the ISA allows. */
    public static final int MAX_DIVISOR = 64;

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
        try {
            return matrices.then(rows(spec, core, cal, batch, out));
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().contains("does not fit its")) {
                throw e; // not an ISA field: the model does not fit the core
            }
            return matrices.then(extrapolated(spec, core, cal, batch, out, e));
        }
    }

    private static StepTiming extrapolated(ModelSpec spec, CoreConfig core, Calibration cal, List<SequenceChunk> batch,
                                           List<Piece> out, IllegalArgumentException why) {
        StringBuilder tried = new StringBuilder();
        for (int d = 2; 4 * d <= MAX_DIVISOR; d *= 2) {
            try {
                return rowsFrom(spec, core, cal, batch, d, out);
            } catch (IllegalArgumentException e) {
                // still too wide (or not divisible): try a larger divisor, and say why this one failed
                tried.append("; at 1/").append(d).append(", 1/").append(2 * d).append(", 1/").append(4 * d)
                        .append(" of the width: ").append(e.getMessage());
            } catch (IllegalStateException e) {
                throw new IllegalStateException("row phases wider than the ISA allows (" + why.getMessage() + "): "
                        + e.getMessage());
            }
        }
        throw new IllegalArgumentException("row phases wider than the ISA allows (" + why.getMessage() + ") and no "
                + "narrower width extrapolates" + tried, why);
    }

    /**
     * The row phases at full width, extended linearly from 1/d, 1/2d and 1/4d of it.
     *
     * @throws IllegalArgumentException when a narrower width does not compile
     * @throws IllegalStateException    when the three points are not on one line
     */
    static StepTiming rowsFrom(ModelSpec spec, CoreConfig core, Calibration cal, List<SequenceChunk> batch, int d,
                               List<Piece> out) {
        StepTiming[] f = new StepTiming[3];
        List<Piece> named = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int div = d << i;
            f[i] = sum(core, cal, i == 0 ? named : new ArrayList<>(), " at 1/" + div + " width",
                    sink -> StepSegments.rowPieces(spec, core, batch, div, sink));
        }
        StepTiming step1 = f[0].then(f[1].times(-1));
        StepTiming step2 = f[1].then(f[2].times(-1));
        if (Math.abs(step1.cycles() - 2 * step2.cycles()) > 1e-9 * f[0].cycles()) {
            throw new IllegalStateException("their cycles at 1/" + d + ", 1/" + 2 * d + " and 1/" + 4 * d
                    + " of the width (" + f[0].cycles() + ", " + f[1].cycles() + ", " + f[2].cycles() + ") are not on "
                    + "one line, so they cannot be extrapolated");
        }
        out.addAll(named);
        // f(w) = f(w/d) + (w - w/d) * slope, slope = (f(w/d) - f(w/2d)) / (w/2d)
        return f[0].then(step1.times(2.0 * (d - 1)));
    }

    /** The row phases at full width, compiled as they are. */
    static StepTiming rows(ModelSpec spec, CoreConfig core, Calibration cal, List<SequenceChunk> batch, List<Piece> out) {
        return sum(core, cal, out, "", sink -> StepSegments.rowPieces(spec, core, batch, 1, sink));
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
