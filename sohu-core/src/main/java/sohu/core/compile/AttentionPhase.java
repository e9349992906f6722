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
 * sequence and one head, the keys stream through two weight slots in chunks of several KV blocks
 * (as many as fit, so a short sequence is one chunk); per chunk the array forms {@code S = Q·K^T}
 * (one chunk of scores, never the whole matrix), the vector unit scales and masks each row while
 * finding its maximum, the scalar lane updates the running maximum {@code m} and the rescale factor
 * {@code c = exp(m_old − m)} (the first chunk writes {@code m} and the sum directly), the vector
 * unit writes {@code p = exp(s − m)} as the next product's A operand while summing it,
 * {@code l = l·c + Σp}, the array forms {@code P·V}, and the running output becomes
 * {@code o·c + P·V}. At the end {@code o · (1/l)} goes to the activation scratchpad and out to HBM.
 *
 * <p>Tiles follow each other without barriers: the query tile and the chunks load into alternating
 * slots while the compute queue works on the other one, and the output tile alternates between two
 * slots that the store queue drains.
 */
final class AttentionPhase {
    /**
     * On-chip places of one query tile of {@code mq} rows and chunks of {@code nb} KV blocks: in
     * {@code act} two Q slots, P and two output slots; in {@code wgt} two chunk slots of
     * {@code K^T [hd][nb·B]} then {@code V [nb·B][hd]}; in {@code acc} S then P·V; in {@code vmem}
     * one score row, the running outputs and P·V.
     */
    private record Plan(int mq, int nb, int hdR, int bR, int bC, int hdC, int pBase, int oBase, int slotW, int oRows,
                        int tmp) {
        static Plan of(CoreConfig c, int hd, int b, int mq, int nb) {
            int keys = nb * b;
            int hdR = GemmTiling.ceil(hd, c.rows());
            int bR = GemmTiling.ceil(keys, c.rows());
            int bC = GemmTiling.ceil(keys, c.cols());
            int hdC = GemmTiling.ceil(hd, c.cols());
            int pBase = 2 * mq * hdR;
            int oBase = pBase + mq * bR;
            int slotW = hd * bC + keys * hdC;
            int oRows = GemmTiling.ceil(keys, c.lanes());
            return new Plan(mq, nb, hdR, bR, bC, hdC, pBase, oBase, slotW, oRows, oRows + mq * hdC);
        }

        boolean fits(CoreConfig c) {
            int keys = nb * c.kvBlockTokens();
            return oBase + 2 * mq * hdR <= c.aDepth() && 2 * slotW <= c.wDepth() && mq * (bC + hdC) <= c.cDepth()
                    && tmp + mq * hdC <= c.vDepth() && mq <= Registers.MAX_ROWS && mq <= GemmTiling.MAX_FIELD
                    && keys <= MAX_KEYS && bC <= MAX_STRIDE && bR <= MAX_STRIDE;
        }
    }

    /** The GEMM's stride fields hold 11 bits. */
    private static final int MAX_STRIDE = 2047;
    /** Keys per chunk: a clamped mask position {@code keys − 1} must fit VECTOR's signed 11-bit diag. */
    private static final int MAX_KEYS = 1024;

    private AttentionPhase() {
    }

    /** Checks that one query row with one KV block fits (else an error naming every memory's need). */
    static void rowsPerTile(ModelSpec s, CoreConfig c) {
        int hd = s.headDim();
        int b = c.kvBlockTokens();
        if (hd % 2 != 0) {
            throw new IllegalArgumentException("head_dim " + hd + " is odd: RoPE pairs element i with i + head_dim/2");
        }
        Plan one = Plan.of(c, hd, b, 1, 1);
        if (!one.fits(c)) {
            throw new IllegalArgumentException("head_dim " + hd + " cannot be tiled on the " + c.rows() + "x" + c.cols()
                    + " array with " + b + "-token KV blocks: one query row needs " + (one.oBase + 2 * one.hdR)
                    + " activation words (aDepth " + c.aDepth() + "), " + 2 * one.slotW + " weight words (wDepth "
                    + c.wDepth() + "), " + (one.bC + one.hdC) + " accumulator words (cDepth " + c.cDepth() + ") and "
                    + (one.tmp + one.hdC) + " vector words (vDepth " + c.vDepth() + "); use larger depths or smaller "
                    + "KV blocks");
        }
    }

    /**
     * The plan for keys up to {@code blocks} blocks: the widest chunk (up to all of them) with at
     * least 32 query rows when one fits (rows amortise the array's fill, chunks the per-row vector
     * work), else the most rows that fit, with their widest chunk.
     */
    private static Plan choose(CoreConfig c, int hd, int blocks) {
        Plan best = null;
        for (int mq = 64; mq >= 1 && (best == null || mq >= 32); mq /= 2) {
            Plan p = widest(c, hd, blocks, mq);
            if (p != null && (best == null || p.nb > best.nb)) {
                best = p;
            }
        }
        return best;
    }

    /** The plan of {@code mq} rows with the widest chunk up to {@code blocks} blocks that fits, or null. */
    private static Plan widest(CoreConfig c, int hd, int blocks, int mq) {
        for (int nb = blocks; nb >= 1; nb--) {
            Plan p = Plan.of(c, hd, c.kvBlockTokens(), mq, nb);
            if (p.fits(c)) {
                return p;
            }
        }
        return null;
    }

    /** The pipeline's position across the tiles of one phase. */
    private static final class Counters {
        int chunks;
        int tiles;
    }

    /** One layer's attention over every chunk and head. */
    static void run(Emitter e, HbmLayout hbm, StepLayout st, List<Token> tokens, KvState kv, int layer) {
        ModelSpec s = hbm.spec();
        CoreConfig c = hbm.core();
        int b = c.kvBlockTokens();
        int maxBlocks = 1;
        for (Token t : tokens) {
            maxBlocks = Math.max(maxBlocks, t.position() / b + 1);
        }
        Plan plan = choose(c, s.headDim(), maxBlocks);
        Counters n = new Counters();
        int first = 0;
        while (first < tokens.size()) {
            int end = first;
            while (end < tokens.size() && tokens.get(end).sequence() == tokens.get(first).sequence()) {
                end++;
            }
            for (int h = 0; h < s.numHeads(); h++) {
                for (int r0 = first; r0 < end; r0 += plan.mq) {
                    tile(e, hbm, st, tokens, kv, layer, h, r0, Math.min(plan.mq, end - r0), plan, n);
                }
            }
            first = end;
        }
        e.barrier();
    }

    private static void tile(Emitter e, HbmLayout hbm, StepLayout st, List<Token> tokens, KvState kv, int layer, int h,
                             int r0, int mq, Plan p, Counters n) {
        ModelSpec s = hbm.spec();
        CoreConfig c = hbm.core();
        int hd = s.headDim();
        int b = c.kvBlockTokens();
        int eb = c.elementBytes();
        int g = h / s.groupSize();
        int seq = tokens.get(r0).sequence();
        long qRow = (long) s.qDim() * eb;
        int qBase = (n.tiles & 1) * p.mq * p.hdR;
        int lastPos = tokens.get(r0 + mq - 1).position();
        int blocks = lastPos / b + 1;
        int chunks = GemmTiling.ceil(blocks, p.nb);
        for (int j = 0; j < chunks; j++) {
            int slot = n.chunks & 1;
            int wBase = slot * p.slotW;
            int vBase = wBase + hd * p.bC;
            int nbj = Math.min(p.nb, blocks - j * p.nb);
            int keys = nbj * b;
            if (n.chunks >= 2) {
                e.waitFor(IssueQueue.LOAD, IssueQueue.COMPUTE);
            }
            if (j == 0) {
                e.emit(Dmas.load(c, Space.ACT, qBase * c.rows(), st.qa() + r0 * qRow + (long) h * hd * eb, mq, hd, qRow,
                        p.hdR * c.rows()));
            }
            for (int x = 0; x < nbj; x++) {
                int block = kv.block(seq, (j * p.nb + x) * b);
                e.emit(Dmas.load(c, Space.WGT, wBase * c.cols() + x * b, hbm.kAddr(block, layer, g), hd, b, (long) b * eb,
                        p.bC * c.cols()));
                e.emit(Dmas.load(c, Space.WGT, (vBase + x * b * p.hdC) * c.cols(), hbm.vAddr(block, layer, g), b, hd,
                        (long) hd * eb, p.hdC * c.cols()));
            }
            e.signal(IssueQueue.LOAD, IssueQueue.COMPUTE);
            e.waitFor(IssueQueue.COMPUTE, IssueQueue.LOAD);
            e.emit(new Gemm(new GemmCommand(mq, hd, keys, qBase, p.hdR, wBase, p.bC, 0, p.bC, false), Deps.NONE));
            for (int i = 0; i < mq; i++) {
                // past the chunk's keys the mask is a no-op and before them total: clamped into the field
                int diag = Math.max(-1, Math.min(keys - 1, tokens.get(r0 + i).position() - j * p.nb * b));
                scores(e, p, i, diag, keys, GemmTiling.ceil(keys, c.cols()), j == 0);
            }
            int pv = p.mq * p.bC;
            e.emit(new Gemm(new GemmCommand(mq, keys, hd, p.pBase, p.bR, vBase, p.hdC, pv, p.hdC, false), Deps.NONE));
            if (j == 0) {
                e.emit(new Move(pv, p.oRows, mq, p.hdC, p.hdC, p.hdC, Deps.NONE));
            } else {
                e.emit(new Move(pv, p.tmp, mq, p.hdC, p.hdC, p.hdC, Deps.NONE));
                for (int i = 0; i < mq; i++) {
                    int o = p.oRows + i * p.hdC;
                    e.emit(Vector.of(VectorOp.MUL_SCALAR, o, 0, 0, o, hd, false, Registers.rescale(i), 0, 0));
                    e.emit(Vector.of(VectorOp.ADD_ROW, o, p.tmp + i * p.hdC, 0, o, hd, false, 0, 0, 0));
                }
            }
            e.signal(IssueQueue.COMPUTE, IssueQueue.LOAD);
            n.chunks++;
        }
        int out = p.oBase + (n.tiles & 1) * p.mq * p.hdR;
        if (n.tiles >= 2) {
            e.waitFor(IssueQueue.COMPUTE, IssueQueue.STORE);
        }
        for (int i = 0; i < mq; i++) {
            int o = p.oRows + i * p.hdC;
            e.emit(Vector.of(VectorOp.MUL_RECIP, o, 0, 0, out + i * p.hdR, hd, true, Registers.sum(i), 0, 0));
        }
        e.signal(IssueQueue.COMPUTE, IssueQueue.STORE);
        e.waitFor(IssueQueue.STORE, IssueQueue.COMPUTE);
        e.emit(Dmas.store(c, Space.ACT, out * c.rows(), st.att() + r0 * qRow + (long) h * hd * eb, mq, hd, qRow,
                p.hdR * c.rows()));
        e.signal(IssueQueue.STORE, IssueQueue.COMPUTE);
        n.tiles++;
    }

    /**
     * Row {@code i} of a chunk's scores: scaled and masked with its maximum, then {@code p} as
     * activations with its sum, updating the row's running maximum, rescale factor and sum (the
     * first chunk sets them).
     */
    private static void scores(Emitter e, Plan p, int i, int diag, int keys, int words, boolean first) {
        int m = Registers.max(i);
        e.emit(new Move(i * p.bC, 0, 1, words, 0, 0, Deps.NONE));
        e.emit(Vector.of(VectorOp.MUL_SCALAR, 0, 0, 0, 0, keys, false, Registers.SCALE, 0, 0).masked(diag)
                .reducing(RowReduce.Kind.MAX, first ? m : Registers.TILE_MAX));
        if (!first) {
            e.emit(Scalar.op(ScalarFn.MAX, Registers.NEW_MAX, m, Registers.TILE_MAX, 0, 0));
            e.emit(Scalar.op(ScalarFn.EXP_SUB, Registers.rescale(i), m, 0, Registers.NEW_MAX, 0));
            e.emit(Scalar.op(ScalarFn.MAX, m, Registers.NEW_MAX, Registers.NEW_MAX, 0, 0));
        }
        e.emit(Vector.of(VectorOp.EXP_SUB, 0, 0, 0, p.pBase + i * p.bR, keys, true, m, 0, 0).masked(diag)
                .reducing(RowReduce.Kind.SUM, first ? Registers.sum(i) : Registers.TILE_SUM));
        if (!first) {
            e.emit(Scalar.op(ScalarFn.FMA_SCALAR, Registers.sum(i), Registers.sum(i), 0, Registers.rescale(i),
                    Registers.TILE_SUM));
        }
    }
}
