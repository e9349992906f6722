package sohu.core.compile;

import java.util.ArrayList;
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
 * sequence (its rows the query heads of one KV group for each of its tokens), the keys stream
 * through two weight slots in chunks of several KV blocks (as many as fit, so a short sequence is
 * one chunk); per chunk the array forms {@code S = Q·K^T}
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
     * {@code act} two Q slots, P and two output slots; in {@code wgt} two chunk slots, each the
     * chunk's {@code K^T} as tiles of {@code u} blocks ({@code [hd][u·B]}, {@code tW} words a row)
     * then {@code V [nb·B][hd]}; in {@code acc} S then P·V; in {@code vmem} one score row, the
     * running outputs and P·V. A tile's keys are whole words ({@code u} is the fewest blocks whose
     * keys are a multiple of the array's columns), so each tile's product writes its own columns of S
     * and, with {@code u = 1}, each block's {@code K^T} is one contiguous row in HBM and on chip.
     */
    private record Plan(int mq, int nb, int u, int tW, int hdR, int bR, int bC, int hdC, int vOff, int pBase,
                        int oBase, int slotW, int oRows, int tmp) {
        static Plan of(CoreConfig c, int hd, int b, int mq, int nb) {
            int keys = nb * b;
            int u = c.cols() / gcd(b, c.cols());
            int tW = u * b / c.cols();
            int hdR = GemmTiling.ceil(hd, c.rows());
            int bR = GemmTiling.ceil(keys, c.rows());
            int bC = GemmTiling.ceil(keys, c.cols());
            int hdC = GemmTiling.ceil(hd, c.cols());
            int vOff = GemmTiling.ceil(nb, u) * hd * tW;
            int pBase = 2 * mq * hdR;
            int oBase = pBase + mq * bR;
            int slotW = vOff + keys * hdC;
            int oRows = GemmTiling.ceil(keys, c.lanes());
            return new Plan(mq, nb, u, tW, hdR, bR, bC, hdC, vOff, pBase, oBase, slotW, oRows, oRows + mq * hdC);
        }

        private static int gcd(int a, int b) {
            return b == 0 ? a : gcd(b, a % b);
        }

        boolean fits(CoreConfig c) {
            int keys = nb * c.kvBlockTokens();
            return oBase + 2 * mq * hdR <= c.aDepth() && 2 * slotW <= c.wDepth() && mq * (bC + hdC) <= c.cDepth()
                    && tmp + mq * hdC <= c.vDepth() && mq <= Registers.MAX_ROWS && mq <= GemmTiling.MAX_FIELD
                    && keys <= MAX_KEYS && bC <= MAX_STRIDE && bR <= MAX_STRIDE && tW <= MAX_STRIDE;
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

    /**
     * One chunk of keys of one query tile: {@code n} counts the phase's chunks (its weight slot),
     * {@code tile} its tiles (the Q and output slots); the tile's {@code mq} rows are
     * {@code heads} query heads from {@code h} (of one KV group) for each of its tokens from
     * {@code r0}, token-major (row {@code i} is token {@code r0 + i / heads}, head
     * {@code h + i % heads}); {@code j} of {@code chunks} is its place in the tile, whose last query
     * has keys up to block {@code blocks − 1}.
     */
    private record Chunk(int n, int tile, int h, int heads, int r0, int mq, int j, int chunks, int blocks) {
        /** The tile's tokens. */
        int tokens() {
            return mq / heads;
        }
    }

    /**
     * One layer's attention over every chunk and head. Each chunk's loads are emitted before the
     * previous chunk's compute: the core delivers instructions in program order and a queue takes
     * only a few ahead, so loads placed after a chunk's hundreds of row instructions would reach
     * the load queue only as that chunk ends, and the next chunk would wait for them.
     */
    static void run(Emitter e, HbmLayout hbm, StepLayout st, List<Token> tokens, KvState kv, int layer) {
        ModelSpec s = hbm.spec();
        CoreConfig c = hbm.core();
        int b = c.kvBlockTokens();
        int maxBlocks = 1;
        for (Token t : tokens) {
            maxBlocks = Math.max(maxBlocks, t.position() / b + 1);
        }
        Plan plan = choose(c, s.headDim(), maxBlocks);
        // the query heads of one KV group share its keys: stacked as rows of one tile (as many as
        // divide the group and fit the plan's rows), each K^T and V load serves them all, and a
        // decode token's heads make one product of several rows instead of several of one
        int heads = 1;
        for (int d = 1; d <= s.groupSize(); d++) {
            if (s.groupSize() % d == 0 && d <= plan.mq) {
                heads = d;
            }
        }
        int perTile = plan.mq / heads;
        List<Chunk> work = new ArrayList<>();
        int tiles = 0;
        int first = 0;
        while (first < tokens.size()) {
            int end = first;
            while (end < tokens.size() && tokens.get(end).sequence() == tokens.get(first).sequence()) {
                end++;
            }
            for (int h = 0; h < s.numHeads(); h += heads) {
                for (int r0 = first; r0 < end; r0 += perTile) {
                    int n = Math.min(perTile, end - r0);
                    int blocks = tokens.get(r0 + n - 1).position() / b + 1;
                    int chunks = GemmTiling.ceil(blocks, plan.nb);
                    for (int j = 0; j < chunks; j++) {
                        work.add(new Chunk(work.size(), tiles, h, heads, r0, n * heads, j, chunks, blocks));
                    }
                    tiles++;
                }
            }
            first = end;
        }
        Tiles t = new Tiles(e, hbm, st, tokens, kv, layer, plan);
        t.loads(work.get(0)).forEach(Runnable::run);
        for (int i = 0; i < work.size(); i++) {
            if (i + 1 < work.size()) {
                e.spread(t.loads(work.get(i + 1)), t.computeInstructions(work.get(i)));
            }
            t.compute(work.get(i));
            e.flushSpread();
        }
        e.barrier();
    }

    /** Emits the loads and the compute (with the output's store after a tile's last chunk) of chunks. */
    private record Tiles(Emitter e, HbmLayout hbm, StepLayout st, List<Token> tokens, KvState kv, int layer, Plan p) {
        private int wBase(Chunk k) {
            return (k.n & 1) * p.slotW;
        }

        private int qBase(Chunk k) {
            return (k.tile & 1) * p.mq * p.hdR;
        }

        private long qRow() {
            return (long) hbm.spec().qDim() * hbm.core().elementBytes();
        }

        /** The chunk's keys (each block's K^T and V) and, for a tile's first, its queries: one item a block. */
        List<Runnable> loads(Chunk k) {
            CoreConfig c = hbm.core();
            int hd = hbm.spec().headDim();
            int b = c.kvBlockTokens();
            int eb = c.elementBytes();
            int g = k.h / hbm.spec().groupSize();
            int seq = tokens.get(k.r0).sequence();
            int wBase = wBase(k);
            List<Runnable> items = new ArrayList<>();
            int nbj = nb(k);
            for (int x = 0; x < nbj; x++) {
                int block = kv.block(seq, (k.j * p.nb + x) * b);
                int kSram = (wBase + x / p.u * hd * p.tW) * c.cols() + x % p.u * b;
                int vSram = (wBase + p.vOff + x * b * p.hdC) * c.cols();
                boolean first = x == 0;
                boolean last = x == nbj - 1;
                items.add(() -> {
                    if (first && k.n >= 2) {
                        e.waitFor(IssueQueue.LOAD, IssueQueue.COMPUTE);
                    }
                    if (first && k.j == 0) {
                        rows(k, qBase(k), (sram, hbmOff, n, elems, hbmStride, sramStride) -> e.emit(Dmas.load(c,
                                Space.ACT, sram, st.qa() + hbmOff, n, elems, hbmStride, sramStride)));
                    }
                    e.emit(Dmas.load(c, Space.WGT, kSram, hbm.kAddr(block, layer, g), hd, b, (long) b * eb,
                            p.tW * c.cols()));
                    e.emit(Dmas.load(c, Space.WGT, vSram, hbm.vAddr(block, layer, g), b, hd, (long) hd * eb,
                            p.hdC * c.cols()));
                    if (last) {
                        e.signal(IssueQueue.LOAD, IssueQueue.COMPUTE);
                    }
                });
            }
            return items;
        }

        /** Receives one DMA of a tile's query or output rows: act element, HBM offset in a {@code [T][q_dim]} tensor, then the shape. */
        private interface RowsDma {
            void emit(int sram, long hbmOff, int rows, int elems, long hbmStride, int sramStride);
        }

        /**
         * The DMAs between the tile's rows at act word {@code base} and their places in a
         * {@code [T][q_dim]} tensor: one for all its heads when a head is whole act words (a token's
         * heads are back to back on both sides), else one per head.
         */
        private void rows(Chunk k, int base, RowsDma dma) {
            CoreConfig c = hbm.core();
            int hd = hbm.spec().headDim();
            int eb = c.elementBytes();
            long off = k.r0 * qRow() + (long) k.h * hd * eb;
            int rowElems = p.hdR * c.rows();
            if (hd == rowElems) {
                dma.emit(base * c.rows(), off, k.tokens(), k.heads * hd, qRow(), k.heads * rowElems);
            } else {
                for (int x = 0; x < k.heads; x++) {
                    dma.emit((base + x * p.hdR) * c.rows(), off + (long) x * hd * eb, k.tokens(), hd, qRow(),
                            k.heads * rowElems);
                }
            }
        }

        /** About how many instructions {@link #compute} emits (to spread the next chunk's loads over). */
        int computeInstructions(Chunk k) {
            int perRow = k.j == 0 ? 3 : 9;
            return GemmTiling.ceil(nb(k), p.u) + k.mq * perRow + 2 + (k.j == k.chunks - 1 ? k.mq + 1 : 0);
        }

        private int nb(Chunk k) {
            return Math.min(p.nb, k.blocks - k.j * p.nb);
        }

        /** The chunk's scores, softmax update and P·V; after the tile's last chunk its output. */
        void compute(Chunk k) {
            CoreConfig c = hbm.core();
            int hd = hbm.spec().headDim();
            int b = c.kvBlockTokens();
            int mq = k.mq;
            int wBase = wBase(k);
            int nbj = nb(k);
            int keys = nbj * b;
            e.waitFor(IssueQueue.COMPUTE, IssueQueue.LOAD);
            for (int t = 0; t * p.u < nbj; t++) {   // S = Q·K^T, one product per K^T tile into its columns
                int tk = Math.min(p.u, nbj - t * p.u) * b;
                e.emit(new Gemm(new GemmCommand(mq, hd, tk, qBase(k), p.hdR, wBase + t * hd * p.tW, p.tW, t * p.tW,
                        p.bC, false), Deps.NONE));
            }
            for (int i = 0; i < mq; i++) {
                // past the chunk's keys the mask is a no-op and before them total: clamped into the field
                int diag = Math.max(-1, Math.min(keys - 1, tokens.get(k.r0 + i / k.heads).position() - k.j * p.nb * b));
                scores(e, p, i, diag, keys, GemmTiling.ceil(keys, c.cols()), k.j == 0);
            }
            int pv = p.mq * p.bC;
            e.emit(new Gemm(new GemmCommand(mq, keys, hd, p.pBase, p.bR, wBase + p.vOff, p.hdC, pv, p.hdC, false),
                    Deps.NONE));
            if (k.j == 0) {
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
            if (k.j == k.chunks - 1) {
                store(k);
            }
        }

        /** {@code o · (1/l)} as activations into one of two output slots, then out to HBM. */
        private void store(Chunk k) {
            CoreConfig c = hbm.core();
            int hd = hbm.spec().headDim();
            int eb = c.elementBytes();
            int out = p.oBase + (k.tile & 1) * p.mq * p.hdR;
            if (k.tile >= 2) {
                e.waitFor(IssueQueue.COMPUTE, IssueQueue.STORE);
            }
            for (int i = 0; i < k.mq; i++) {
                int o = p.oRows + i * p.hdC;
                e.emit(Vector.of(VectorOp.MUL_RECIP, o, 0, 0, out + i * p.hdR, hd, true, Registers.sum(i), 0, 0));
            }
            e.signal(IssueQueue.COMPUTE, IssueQueue.STORE);
            e.waitFor(IssueQueue.STORE, IssueQueue.COMPUTE);
            rows(k, out, (sram, hbmOff, n, elems, hbmStride, sramStride) -> e.emit(Dmas.store(c, Space.ACT, sram,
                    st.att() + hbmOff, n, elems, hbmStride, sramStride)));
            e.signal(IssueQueue.STORE, IssueQueue.COMPUTE);
        }
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
