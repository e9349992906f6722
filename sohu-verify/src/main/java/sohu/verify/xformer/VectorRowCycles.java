package sohu.verify.xformer;

import java.util.SplittableRandom;
import sohu.core.fp.FpFormat;
import sohu.core.xformer.Fp32;
import sohu.core.xformer.RmsNorm;
import sohu.core.xformer.RowConvert;
import sohu.core.xformer.Softmax;
import sohu.core.xformer.VectorConfig;
import sohu.core.xformer.VectorOp;
import sohu.core.xformer.rtl.VectorUnit;

/**
 * Cycles of whole rows measured in Verilator: a softmax row (copy with max, {@code EXP_SUB} with
 * sum, {@code MUL_RECIP} to the activation format) and an RMSNorm row (copy with sum of squares,
 * {@code NORM} with a gain row), each result checked bit for bit against the golden model
 * ({@link sohu.verify.Mismatch} on a difference). Rows are processed in place, so the unit's
 * memory holds two rows of the longer length.
 */
public final class VectorRowCycles {
    /**
     * The measured cycles (accept to ready, summed over the row's instructions).
     *
     * @param lanes   the unit's lanes
     * @param softmax cycles of the softmax row
     * @param rmsNorm cycles of the RMSNorm row
     */
    public record Result(int lanes, long softmax, long rmsNorm) { }

    private VectorRowCycles() {
    }

    /** The memory depth for rows of up to {@code maxLength} elements on {@code lanes} lanes. */
    public static int depth(int lanes, int maxLength) {
        return Integer.highestOneBit(Math.max(2, 2 * ((maxLength + lanes - 1) / lanes)) * 2 - 1);
    }

    /**
     * Builds (or finds in the cache) a unit of {@code lanes} lanes and measures a softmax row of
     * {@code softmaxLength} scores N(0, 4²) and an RMSNorm row of {@code normLength} elements N(0, 1).
     */
    public static Result measure(int lanes, FpFormat format, int softmaxLength, int normLength, long seed) {
        int depth = depth(lanes, Math.max(softmaxLength, normLength));
        int words = (Math.max(softmaxLength, normLength) + lanes - 1) / lanes;
        SplittableRandom r = new SplittableRandom(seed);
        try (VectorUnitDriver u = new VectorUnitDriver(new VectorUnit.Params(new VectorConfig(lanes, format), depth))) {
            int[] scores = gaussian(r, softmaxLength, 4);
            u.load(0, scores);
            long softmax = u.run(copy(softmaxLength).reducing(1));
            int m = u.reduction();
            softmax += u.run(VectorUnitDriver.Instr.of(VectorOp.EXP_SUB, 0, 0, 0, softmaxLength).scalars(m, 0, 0).reducing(2));
            int l = u.reduction();
            softmax += u.run(VectorUnitDriver.Instr.of(VectorOp.MUL_RECIP, 0, 0, 0, softmaxLength).scalars(l, 0, 0)
                    .toActivations());
            int[] want = RowConvert.row(Softmax.row(scores, new boolean[softmaxLength], lanes), format);
            long mask = format.width() == 32 ? 0xFFFFFFFFL : (1L << format.width()) - 1;
            int[] got = u.activationRow(0, softmaxLength);
            for (int i = 0; i < softmaxLength; i++) {
                got[i] = (int) (got[i] & mask);
            }
            u.expectRow("softmax of " + softmaxLength, want, got, "scores N(0, 4^2), seed " + seed);

            int[] x = gaussian(r, normLength, 1);
            int[] g = gaussian(r, normLength, 1);
            int eps = Fp32.of(1e-5);
            u.load(0, x);
            u.load(words, g);
            long norm = u.run(copy(normLength).reducing(3));
            int ss = u.reduction();
            norm += u.run(VectorUnitDriver.Instr.of(VectorOp.NORM, 0, words, 0, normLength)
                    .scalars(ss, Fp32.of(1.0 / normLength), eps));
            u.expectRow("rmsnorm of " + normLength, RmsNorm.normalize(x, g, eps, lanes), u.fp32Row(0, normLength),
                    "x, gain N(0, 1), seed " + seed);
            return new Result(lanes, softmax, norm);
        }
    }

    private static VectorUnitDriver.Instr copy(int length) {
        return VectorUnitDriver.Instr.of(VectorOp.MUL_SCALAR, 0, 0, 0, length).scalars(Fp32.ONE, 0, 0);
    }

    private static int[] gaussian(SplittableRandom r, int n, double sigma) {
        int[] row = new int[n];
        for (int i = 0; i < n; i++) {
            // Box-Muller from the seeded generator, so the rows are the same on every JVM.
            double u1 = 1 - r.nextDouble();
            double u2 = r.nextDouble();
            row[i] = Fp32.of(sigma * StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2));
        }
        return row;
    }
}
