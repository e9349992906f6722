package sohu.core.compile;

import sohu.core.isa.Scalar;
import sohu.core.isa.ScalarFn;
import sohu.core.isa.Vector;
import sohu.core.xformer.RowReduce;
import sohu.core.xformer.VectorOp;

/**
 * One row of RMSNorm as the compute queue runs it, wherever the row phase or a fused epilogue
 * places it: the row's sum of squares (a reduction into {@link Registers#SUM_SQ}, copying the row
 * on the way), then {@code x · rsqrt(mean + ε) · gain} as activations. A row wider than one
 * VECTOR goes in pieces of whole words, each later piece's partial sum added by a SCALAR.
 */
final class NormRow {
    private NormRow() {
    }

    /**
     * Emits the row.
     *
     * @param src  vector word of the FP32 row
     * @param copy vector word the sum-of-squares pass writes the row to ({@code src}: in place)
     * @param gain vector word of the gain row
     * @param dst  activation word of the normalized row
     * @param h    the row's elements
     */
    static void emit(Emitter e, CoreConfig c, int src, int copy, int gain, int dst, int h) {
        int max = RowPhases.MAX_VECTOR_LENGTH / c.lanes() * c.lanes();
        for (int off = 0; off < h; off += max) {
            int w = off / c.lanes();
            int len = Math.min(max, h - off);
            int sum = w == 0 ? Registers.SUM_SQ : Registers.PART_SQ;
            e.emit(Vector.of(VectorOp.MUL_SCALAR, src + w, 0, 0, copy + w, len, false, Registers.ONE, 0, 0)
                    .reducing(RowReduce.Kind.SUM_OF_SQUARES, sum));
            if (w > 0) {
                e.emit(Scalar.op(ScalarFn.ADD_ROW, Registers.SUM_SQ, Registers.SUM_SQ, Registers.PART_SQ, 0, 0));
            }
        }
        for (int off = 0; off < h; off += max) {
            int w = off / c.lanes();
            e.emit(Vector.of(VectorOp.NORM, src + w, gain + w, 0, dst + w, Math.min(max, h - off), true,
                    Registers.SUM_SQ, Registers.INV_N, Registers.EPS));
        }
    }
}
