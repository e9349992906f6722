package sohu.core.compile;

import java.util.List;
import sohu.core.array.GemmCommand;
import sohu.core.isa.Deps;
import sohu.core.isa.Gemm;
import sohu.core.isa.Move;
import sohu.core.isa.IssueQueue;
import sohu.core.isa.Scalar;
import sohu.core.isa.ScalarFn;
import sohu.core.isa.Space;
import sohu.core.isa.Vector;
import sohu.core.model.ModelSpec;
import sohu.core.xformer.RowReduce;
import sohu.core.xformer.VectorOp;

/**
 * Grouped-query attention with the causal mask, FlashAttention-style: for each query tile of one
 * sequence and one head, the KV blocks stream through two weight slots; per block the array forms
 * {@code S = Q·K^T} (one block of scores, never the whole matrix), the vector unit scales and
 * masks each row while finding its maximum, the scalar lane updates the running maximum {@code m}
 * and the rescale factor {@code c = exp(m_old − m)}, the vector unit writes {@code p = exp(s − m)}
 * as the next product's A operand while summing it, {@code l = l·c + Σp}, the array forms
 * {@code P·V}, and the running output becomes {@code o·c + P·V}. At the end {@code o · (1/l)} goes
 * to the activation scratchpad and out to HBM.
 */
final class AttentionPhase {
    /** On-chip places of one query tile. */
    private record Plan(int mq, int hdR, int bR, int bC, int hdC, int pBase, int oBase, int slotW, int tmp, int oRows) {
        static Plan of(CoreConfig c, int hd, int b, int mq) {
            int hdR = GemmTiling.ceil(hd, c.rows());
            int bR = GemmTiling.ceil(b, c.rows());
            int bC = GemmTiling.ceil(b, c.cols());
            int hdC = GemmTiling.ceil(hd, c.cols());
            int pBase = mq * hdR;
            int oBase = pBase + mq * bR;
            int slotW = hd * bC + b * hdC;
            return new Plan(mq, hdR, bR, bC, hdC, pBase, oBase, slotW, bC, bC + hdC);
        }

        boolean fits(CoreConfig c, int hd, int b) {
            return oBase + mq * hdR <= c.aDepth() && 2 * slotW <= c.wDepth() && mq * (bC + hdC) <= c.cDepth()
                    && oRows + mq * hdC <= c.vDepth() && mq <= Registers.MAX_ROWS && mq <= GemmTiling.MAX_FIELD;
        }
    }

    private AttentionPhase() {
    }

    /** The most query rows per tile that fit, or an error when not even one does. */
    static int rowsPerTile(ModelSpec s, CoreConfig c) {
        int hd = s.headDim();
        int b = c.kvBlockTokens();
        if (hd % 2 != 0) {
            throw new IllegalArgumentException("head_dim " + hd + " is odd: RoPE pairs element i with i + head_dim/2");
        }
        for (int mq = 64; mq >= 1; mq /= 2) {
            if (Plan.of(c, hd, b, mq).fits(c, hd, b)) {
                return mq;
            }
        }
        Plan one = Plan.of(c, hd, b, 1);
        throw new IllegalArgumentException("head_dim " + hd + " cannot be tiled on the " + c.rows() + "x" + c.cols()
                + " array with " + b + "-token KV blocks: one query row needs " + (one.oBase + one.hdR)
                + " activation words (aDepth " + c.aDepth() + "), " + 2 * one.slotW + " weight words (wDepth "
                + c.wDepth() + "), " + (one.bC + one.hdC) + " accumulator words (cDepth " + c.cDepth() + ") and "
                + (one.oRows + one.hdC) + " vector words (vDepth " + c.vDepth() + "); use larger depths or smaller "
                + "KV blocks");
    }

    /** One layer's attention over every chunk and head. */
    static void run(Emitter e, HbmLayout hbm, StepLayout st, List<Token> tokens, KvState kv, int layer) {
        ModelSpec s = hbm.spec();
        CoreConfig c = hbm.core();
        int maxRows = rowsPerTile(s, c);
        int first = 0;
        while (first < tokens.size()) {
            int end = first;
            while (end < tokens.size() && tokens.get(end).sequence() == tokens.get(first).sequence()) {
                end++;
            }
            for (int h = 0; h < s.numHeads(); h++) {
                for (int r0 = first; r0 < end; r0 += maxRows) {
                    tile(e, hbm, st, tokens, kv, layer, h, r0, Math.min(maxRows, end - r0));
                }
            }
            first = end;
        }
    }

    private static void tile(Emitter e, HbmLayout hbm, StepLayout st, List<Token> tokens, KvState kv, int layer, int h,
                             int r0, int mq) {
        ModelSpec s = hbm.spec();
        CoreConfig c = hbm.core();
        int hd = s.headDim();
        int b = c.kvBlockTokens();
        int eb = c.elementBytes();
        int g = h / s.groupSize();
        int seq = tokens.get(r0).sequence();
        Plan p = Plan.of(c, hd, b, mq);
        long qRow = (long) s.qDim() * eb;
        e.emit(Dmas.load(Space.ACT, 0, st.qa() + r0 * qRow + (long) h * hd * eb, mq, hd, qRow, p.hdR * c.rows()));
        for (int i = 0; i < mq; i++) {
            e.emit(Scalar.set(Registers.max(i), sohu.core.xformer.Fp32.NEG_INF));
            e.emit(Scalar.set(Registers.sum(i), 0));
        }
        int lastPos = tokens.get(r0 + mq - 1).position();
        int blocks = lastPos / b + 1;
        for (int j = 0; j < blocks; j++) {
            int slot = j & 1;
            int wBase = slot * p.slotW;
            int block = kv.block(seq, j * b);
            if (j >= 2) {
                e.waitFor(IssueQueue.LOAD, IssueQueue.COMPUTE);
            }
            e.emit(Dmas.load(Space.WGT, wBase * c.cols(), hbm.kAddr(block, layer, g), hd, b, (long) b * eb,
                    p.bC * c.cols()));
            e.emit(Dmas.load(Space.WGT, (wBase + hd * p.bC) * c.cols(), hbm.vAddr(block, layer, g), b, hd,
                    (long) hd * eb, p.hdC * c.cols()));
            e.signal(IssueQueue.LOAD, IssueQueue.COMPUTE);
            e.waitFor(IssueQueue.COMPUTE, IssueQueue.LOAD);
            e.emit(new Gemm(new GemmCommand(mq, hd, b, 0, p.hdR, wBase, p.bC, 0, p.bC, false), Deps.NONE));
            for (int i = 0; i < mq; i++) {
                int diag = tokens.get(r0 + i).position() - j * b;
                int m = Registers.max(i);
                e.emit(new Move(i * p.bC, 0, 1, p.bC, 0, 0, Deps.NONE));
                e.emit(Vector.of(VectorOp.MUL_SCALAR, 0, 0, 0, 0, b, false, Registers.SCALE, 0, 0).masked(diag)
                        .reducing(RowReduce.Kind.MAX, Registers.TILE_MAX));
                e.emit(Scalar.op(ScalarFn.MAX, Registers.NEW_MAX, m, Registers.TILE_MAX, 0, 0));
                e.emit(Scalar.op(ScalarFn.EXP_SUB, Registers.rescale(i), m, 0, Registers.NEW_MAX, 0));
                e.emit(Scalar.op(ScalarFn.MAX, m, Registers.NEW_MAX, Registers.NEW_MAX, 0, 0));
                e.emit(Vector.of(VectorOp.EXP_SUB, 0, 0, 0, p.pBase + i * p.bR, b, true, m, 0, 0).masked(diag)
                        .reducing(RowReduce.Kind.SUM, Registers.TILE_SUM));
                e.emit(Scalar.op(ScalarFn.FMA_SCALAR, Registers.sum(i), Registers.sum(i), 0, Registers.rescale(i),
                        Registers.TILE_SUM));
            }
            int pv = mq * p.bC;
            e.emit(new Gemm(new GemmCommand(mq, b, hd, p.pBase, p.bR, wBase + hd * p.bC, p.hdC, pv, p.hdC, false),
                    Deps.NONE));
            for (int i = 0; i < mq; i++) {
                int o = p.oRows + i * p.hdC;
                if (j == 0) {
                    e.emit(new Move(pv + i * p.hdC, o, 1, p.hdC, 0, 0, Deps.NONE));
                } else {
                    e.emit(new Move(pv + i * p.hdC, p.tmp, 1, p.hdC, 0, 0, Deps.NONE));
                    e.emit(Vector.of(VectorOp.MUL_SCALAR, o, 0, 0, o, hd, false, Registers.rescale(i), 0, 0));
                    e.emit(Vector.of(VectorOp.ADD_ROW, o, p.tmp, 0, o, hd, false, 0, 0, 0));
                }
            }
            e.signal(IssueQueue.COMPUTE, IssueQueue.LOAD);
        }
        for (int i = 0; i < mq; i++) {
            int o = p.oRows + i * p.hdC;
            e.emit(Vector.of(VectorOp.MUL_RECIP, o, 0, 0, p.oBase + i * p.hdR, hd, true, Registers.sum(i), 0, 0));
        }
        e.signal(IssueQueue.COMPUTE, IssueQueue.STORE);
        e.waitFor(IssueQueue.STORE, IssueQueue.COMPUTE);
        e.emit(Dmas.store(Space.ACT, p.oBase * c.rows(), st.att() + r0 * qRow + (long) h * hd * eb, mq, hd, qRow,
                p.hdR * c.rows()));
        e.barrier();
    }
}
