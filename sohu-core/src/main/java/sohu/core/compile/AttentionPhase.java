package sohu.core.compile;

import java.util.ArrayList;
import java.util.List;
import sohu.core.model.ModelSpec;

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
 * <p>This class plans the tiles and chunks; {@link AttentionPipeline} emits them as one software
 * pipeline, so the row work of one chunk runs while the array forms another chunk's products (a
 * GEMM runs in the background of the compute queue). Tiles follow each other without barriers:
 * the query tiles and the chunks load into alternating slots, a chunk's keys and values each freed
 * as soon as their product is done, and the output tile alternates between two slots that the
 * store queue drains.
 */
final class AttentionPhase {
    /**
     * On-chip places of one query tile of {@code mq} rows and chunks of {@code nb} KV blocks: in
     * {@code act} two Q slots, {@code pSlots} P slots (two let a chunk's rows write P while the
     * previous chunk's P·V reads the other) and two output slots; in {@code wgt} two chunk slots,
     * each the chunk's {@code K^T} as tiles of {@code u} blocks ({@code [hd][u·B]}, {@code tW} words
     * a row) then {@code V [nb·B][hd]}; in {@code acc} S then P·V; in {@code vmem} {@code staged}
     * rows of scores, the running outputs from word {@code oRows} and P·V from {@code tmp}. The
     * pipeline stages the whole tile of scores, moved out with one MOVE so that the next GEMM can
     * run while the rows work on it; {@link #choose} counts a chunk's width with one row. A tile's
     * keys are whole words ({@code u} is the fewest blocks whose keys are a multiple of the array's
     * columns), so each tile's product writes its own columns of S and, with {@code u = 1}, each
     * block's {@code K^T} is one contiguous row in HBM and on chip.
     */
    record Plan(int mq, int nb, int pSlots, int u, int tW, int hdR, int bR, int bC, int hdC, int vOff,
                int pBase, int oBase, int slotW, int oRows, int tmp) {
        static Plan of(CoreConfig c, int hd, int b, int mq, int nb, int pSlots, int staged) {
            int keys = nb * b;
            int u = c.cols() / gcd(b, c.cols());
            int tW = u * b / c.cols();
            int hdR = GemmTiling.ceil(hd, c.rows());
            int bR = GemmTiling.ceil(keys, c.rows());
            int bC = GemmTiling.ceil(keys, c.cols());
            int hdC = GemmTiling.ceil(hd, c.cols());
            int vOff = GemmTiling.ceil(nb, u) * hd * tW;
            int pBase = 2 * mq * hdR;
            int oBase = pBase + pSlots * mq * bR;
            int slotW = vOff + keys * hdC;
            int oRows = staged * bC;
            return new Plan(mq, nb, pSlots, u, tW, hdR, bR, bC, hdC, vOff, pBase, oBase, slotW, oRows,
                    oRows + mq * hdC);
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

        /** Act word of P slot {@code slot}. */
        int p(int slot) {
            return pBase + slot * mq * bR;
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
        Plan one = Plan.of(c, hd, b, 1, 1, 1, 1);
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
     * The plan for keys up to {@code blocks} blocks. First the chunk's width: the widest chunk (up to
     * all of them) with at least 32 query rows when one fits (rows amortise the array's fill, chunks
     * the per-row vector work), else the most rows that fit, with their widest chunk; counted with
     * one P slot and one row of scores in the vector memory, since the width decides every row's
     * rounding (the online softmax rescales at each chunk) and so must not depend on how the
     * pipeline stages its rows. Then the most of those rows (halving) that fit with the pipeline's
     * whole tile of scores, two P slots if they fit too; one row with one P slot is the width's own
     * count, so it always fits.
     */
    private static Plan choose(CoreConfig c, int hd, int blocks) {
        Plan width = null;
        for (int mq = 64; mq >= 1 && (width == null || mq >= 32); mq /= 2) {
            Plan p = widest(c, hd, blocks, mq);
            if (p != null && (width == null || p.nb > width.nb)) {
                width = p;
            }
        }
        if (width == null) {
            return null;
        }
        for (int mq = width.mq; ; mq /= 2) {
            for (int pSlots = 2; pSlots >= 1; pSlots--) {
                Plan p = Plan.of(c, hd, c.kvBlockTokens(), mq, width.nb, pSlots, mq);
                if (p.fits(c) || mq == 1 && pSlots == 1) {   // the width's own count: it fits
                    return p;
                }
            }
        }
    }

    /**
     * The plan of {@code mq} rows with the widest chunk up to {@code blocks} blocks that fits as
     * {@link #choose} counts a width (one P slot, one row of scores staged), or null.
     */
    private static Plan widest(CoreConfig c, int hd, int blocks, int mq) {
        for (int nb = blocks; nb >= 1; nb--) {
            Plan p = Plan.of(c, hd, c.kvBlockTokens(), mq, nb, 1, 1);
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
    record Chunk(int n, int tile, int h, int heads, int r0, int mq, int j, int chunks, int blocks) {
        /** The tile's tokens. */
        int tokens() {
            return mq / heads;
        }
    }

    /** One layer's attention over every chunk and head, as one pipeline ({@link AttentionPipeline}), then a barrier. */
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
        new AttentionPipeline(e, hbm, st, tokens, kv, layer, plan, work).run();
        e.barrier();
    }
}
