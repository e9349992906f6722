package sohu.core.compile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import sohu.core.array.EngineTiming;
import sohu.core.array.GemmCommand;
import sohu.core.compile.AttentionPhase.Chunk;
import sohu.core.compile.AttentionPhase.Plan;
import sohu.core.isa.Deps;
import sohu.core.isa.Gemm;
import sohu.core.isa.Instruction;
import sohu.core.isa.IssueQueue;
import sohu.core.isa.Move;
import sohu.core.isa.Scalar;
import sohu.core.isa.ScalarFn;
import sohu.core.isa.Space;
import sohu.core.isa.Vector;
import sohu.core.xformer.RowReduce;
import sohu.core.xformer.VectorOp;

/**
 * One layer's attention chunks ({@link AttentionPhase}) as a software pipeline on the compute
 * queue, one step per chunk, so the vector unit's and the scalar lane's row work runs while the
 * array works ({@code BackgroundGemm}: a GEMM runs in the background of instructions that do not
 * touch what it reads or writes). Step {@code s} forms chunk {@code s}'s scores and moves the whole
 * tile of them to the vector memory, then forms chunk {@code s − 1}'s {@code P·V} and moves it out;
 * two more steps drain the pipeline. Beside the GEMMs, shared among them by a rough estimate of
 * cycles, runs the row work whose operands are ready:
 * <ul>
 *   <li>beside the scores, chunk {@code s − 1}'s softmax rows (its scores are already out of the
 *       accumulator, and it writes its P slot, not the Q the scores read);</li>
 *   <li>beside the scores or the {@code P·V}, chunk {@code s − 2}'s {@code P·V} added into the
 *       outputs ({@code o += P·V}), a tile's finished output written as activations, then the
 *       outputs rescaled for chunk {@code s − 1} ({@code o·c});</li>
 *   <li>with two P slots, as many of chunk {@code s}'s first softmax rows as still fit beside the
 *       {@code P·V}, which reads the other slot.</li>
 * </ul>
 *
 * <p>Every row's own order of operations is what it was with the chunks in series: its softmax
 * (scale and mask with the maximum, the new maximum and {@code c}, {@code p} with its sum, the
 * sum's update), then {@code o·c}, then {@code o + P·V}; rescaling before the next chunk's
 * softmax instead of after its {@code P·V} is what lets that softmax overwrite {@code c}. Rows are
 * independent, so their instructions may interleave; only a tile's last chunk overlaps the next
 * tile's first, whose sums must then not overwrite its own ({@link Registers#sum}).
 *
 * <p>A chunk's weight slot is freed in two parts, its {@code K^T} (and with a tile's last chunk
 * the Q slot) once its scores are out and its {@code V} once its {@code P·V} is, each with its own
 * signal (kept by number, {@link Emitter#waitUntil}), and each part's loads signal it in, so the
 * next chunk's keys arrive while this one's values are still in use. Step {@code s}'s loads (chunk
 * {@code s + 1}'s keys and queries, chunk {@code s}'s values) are spread among its compute
 * instructions ({@link Emitter#spread}): the core dispatches in program order and a queue takes
 * only a few instructions ahead, so loads placed after a step's long run of row instructions would
 * reach the load queue only as it ends.
 */
final class AttentionPipeline {
    /** About the cycles of a VECTOR beyond its words (the unit's drain and the issue). */
    private static final int VECTOR_FIXED = 25;
    /** About the cycles of a SCALAR through the lane. */
    private static final int SCALAR_LANE = 19;
    /** About the cycles of a SCALAR MAX (the comparator). */
    private static final int SCALAR_MAX = 5;

    private final Emitter e;
    private final HbmLayout hbm;
    private final StepLayout st;
    private final List<Token> tokens;
    private final KvState kv;
    private final int layer;
    private final Plan p;
    private final List<Chunk> work;
    // per chunk, the signals: its K^T (and Q) in, its V in (load to compute); its K^T part free,
    // its V part free (compute to load)
    private final int[] kIn;
    private final int[] vIn;
    private final int[] kFree;
    private final int[] vFree;
    // per chunk, its softmax rows emitted beside the previous chunk's P·V
    private final int[] early;

    AttentionPipeline(Emitter e, HbmLayout hbm, StepLayout st, List<Token> tokens, KvState kv, int layer, Plan p,
                      List<Chunk> work) {
        this.e = e;
        this.hbm = hbm;
        this.st = st;
        this.tokens = tokens;
        this.kv = kv;
        this.layer = layer;
        this.p = p;
        this.work = work;
        kIn = new int[work.size()];
        vIn = new int[work.size()];
        kFree = new int[work.size()];
        vFree = new int[work.size()];
        early = new int[work.size()];
    }

    /** The first chunk's keys, then every step with its loads. */
    void run() {
        int n = work.size();
        keyLoads(work.get(0)).forEach(Runnable::run);
        for (int s = 0; s <= n + 1; s++) {
            List<Runnable> loads = new ArrayList<>();
            if (s + 1 < n) {
                loads.addAll(keyLoads(work.get(s + 1)));
            }
            if (s < n) {
                loads.addAll(valueLoads(work.get(s)));
            }
            step(s, loads);
        }
    }

    /** The chunk {@code d} steps back from step {@code s}, or null before the first or past the last. */
    private Chunk back(int s, int d) {
        int i = s - d;
        return i >= 0 && i < work.size() ? work.get(i) : null;
    }

    /**
     * Step {@code s}: chunk {@code s}'s scores and chunk {@code s − 1}'s {@code P·V}, each GEMM with
     * the row work beside it, each moved out (a MOVE waits for its GEMM); then a finished tile's
     * store. {@code loads} are spread among its instructions.
     */
    private void step(int s, List<Runnable> loads) {
        Chunk cur = back(s, 0);
        Chunk prev = back(s, 1);
        Chunk old = back(s, 2);
        RowWork rows = new RowWork();
        if (prev != null) {
            rows.softmax.addAll(softmax(prev, early[prev.n()], prev.mq()));
        }
        boolean finished = old != null && old.j() == old.chunks() - 1;
        if (old != null) {
            rows.outputs.addAll(add(old));
            if (finished) {
                rows.outputs.addAll(finish(old));
            }
        }
        if (prev != null) {
            rows.outputs.addAll(rescale(prev));
        }
        List<Gemm> scores = cur == null ? List.of() : scores(cur);
        e.spread(loads, rows.instructions() + scores.size() + 3);
        for (int t = 0; t < scores.size(); t++) {
            e.emit(scores.get(t));
            rows.beside(cycles(scores.get(t)), t == scores.size() - 1);
        }
        if (cur != null) {
            kFree[cur.n()] = moveScores(cur);
        } else {
            rows.beside(0, true);   // no scores to form: the last softmax rows in series
        }
        if (prev != null) {
            Gemm pv = pv(prev);
            e.emit(pv);
            long left = cycles(pv) - rows.rest();
            if (cur != null && p.pSlots() == 2) {
                softmaxEarly(cur, left);
            }
            vFree[prev.n()] = movePv(prev);
        }
        rows.rest();
        if (finished) {
            store(old);
        }
        e.flushSpread();
    }

    /** A row's instructions in order, about their cycles, and whether the first waits for a store. */
    private record Row(List<Instruction> ins, long cycles, boolean awaitsStore) { }

    /** A row of {@code ins}, with about their cycles. */
    private Row row(List<Instruction> ins) {
        long cycles = 0;
        for (Instruction i : ins) {
            cycles += i instanceof Vector v ? GemmTiling.ceil(v.length(), hbm.core().lanes()) + VECTOR_FIXED
                    : i instanceof Scalar sc && sc.fn() == ScalarFn.MAX ? SCALAR_MAX : SCALAR_LANE;
        }
        return new Row(ins, cycles, false);
    }

    /** Emits a row; returns about its cycles. */
    private long emit(Row r) {
        if (r.awaitsStore()) {
            e.waitFor(IssueQueue.COMPUTE, IssueQueue.STORE);
        }
        r.ins().forEach(e::emit);
        return r.cycles();
    }

    /** About a GEMM's cycles: the matrix engine's own timing. */
    private long cycles(Gemm g) {
        return EngineTiming.predict(hbm.core().arrayConfig(), g.cmd()).cycles();
    }

    /**
     * A step's row work in program order: the softmax rows, which must all be done before the
     * scores move out (they read the vector memory's tile of scores), then the output rows.
     */
    private final class RowWork {
        private final ArrayDeque<Row> softmax = new ArrayDeque<>();
        private final ArrayDeque<Row> outputs = new ArrayDeque<>();

        /**
         * Emits rows beside a GEMM of about {@code cycles}, as long as it runs; with {@code last}
         * (the scores are moved out next) every softmax row left too.
         */
        void beside(long cycles, boolean last) {
            long used = 0;
            while (!softmax.isEmpty() && (used < cycles || last)) {
                used += emit(softmax.poll());
            }
            while (softmax.isEmpty() && !outputs.isEmpty() && used < cycles) {
                used += emit(outputs.poll());
            }
        }

        /** Emits every row left; returns about their cycles. */
        long rest() {
            long used = 0;
            while (!softmax.isEmpty()) {
                used += emit(softmax.poll());
            }
            while (!outputs.isEmpty()) {
                used += emit(outputs.poll());
            }
            return used;
        }

        int instructions() {
            int n = 0;
            for (Row r : softmax) {
                n += r.ins().size();
            }
            for (Row r : outputs) {
                n += r.ins().size();
            }
            return n;
        }
    }

    private int wBase(Chunk k) {
        return (k.n() & 1) * p.slotW();
    }

    private int qBase(Chunk k) {
        return (k.tile() & 1) * p.mq() * p.hdR();
    }

    private int pSlot(Chunk k) {
        return p.p(k.n() % p.pSlots());
    }

    private int outSlot(Chunk k) {
        return p.oBase() + (k.tile() & 1) * p.mq() * p.hdR();
    }

    private int hd() {
        return hbm.spec().headDim();
    }

    private int nb(Chunk k) {
        return Math.min(p.nb(), k.blocks() - k.j() * p.nb());
    }

    private int keys(Chunk k) {
        return nb(k) * hbm.core().kvBlockTokens();
    }

    /** The chunk's {@code K^T} blocks (and, for a tile's first, its queries), one item a block. */
    private List<Runnable> keyLoads(Chunk k) {
        CoreConfig c = hbm.core();
        int b = c.kvBlockTokens();
        return blockLoads(k, kFree, kIn, x -> {
            if (x == 0 && k.j() == 0) {
                rows(k, qBase(k), (sram, hbmOff, n, elems, hbmStride, sramStride) -> e.emit(Dmas.load(c, Space.ACT,
                        sram, st.qa() + hbmOff, n, elems, hbmStride, sramStride)));
            }
            int sram = (wBase(k) + x / p.u() * hd() * p.tW()) * c.cols() + x % p.u() * b;
            e.emit(Dmas.load(c, Space.WGT, sram, hbm.kAddr(block(k, x), layer, group(k)), hd(), b,
                    (long) b * c.elementBytes(), p.tW() * c.cols()));
        });
    }

    /** The chunk's {@code V} blocks, one item a block. */
    private List<Runnable> valueLoads(Chunk k) {
        CoreConfig c = hbm.core();
        int b = c.kvBlockTokens();
        return blockLoads(k, vFree, vIn, x -> e.emit(Dmas.load(c, Space.WGT,
                (wBase(k) + p.vOff() + x * b * p.hdC()) * c.cols(), hbm.vAddr(block(k, x), layer, group(k)), b, hd(),
                (long) hd() * c.elementBytes(), p.hdC() * c.cols())));
    }

    /**
     * One item a block of the chunk, each emitting {@code load} of it: the first waits until the
     * chunk two back (the slot's last user) has freed that part ({@code free}), the last signals
     * the part in ({@code in}).
     */
    private List<Runnable> blockLoads(Chunk k, int[] free, int[] in, IntConsumer load) {
        int nbj = nb(k);
        List<Runnable> items = new ArrayList<>();
        for (int x = 0; x < nbj; x++) {
            int block = x;
            items.add(() -> {
                if (block == 0 && k.n() >= 2) {
                    e.waitUntil(IssueQueue.LOAD, IssueQueue.COMPUTE, free[k.n() - 2]);
                }
                load.accept(block);
                if (block == nbj - 1) {
                    in[k.n()] = e.signal(IssueQueue.LOAD, IssueQueue.COMPUTE);
                }
            });
        }
        return items;
    }

    /** The KV block of the chunk's {@code x}-th. */
    private int block(Chunk k, int x) {
        return kv.block(tokens.get(k.r0()).sequence(), (k.j() * p.nb() + x) * hbm.core().kvBlockTokens());
    }

    private int group(Chunk k) {
        return k.h() / hbm.spec().groupSize();
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
        int eb = c.elementBytes();
        long qRow = (long) hbm.spec().qDim() * eb;
        long off = k.r0() * qRow + (long) k.h() * hd() * eb;
        int rowElems = p.hdR() * c.rows();
        if (hd() == rowElems) {
            dma.emit(base * c.rows(), off, k.tokens(), k.heads() * hd(), qRow, k.heads() * rowElems);
        } else {
            for (int x = 0; x < k.heads(); x++) {
                dma.emit((base + x * p.hdR()) * c.rows(), off + (long) x * hd() * eb, k.tokens(), hd(), qRow,
                        k.heads() * rowElems);
            }
        }
    }

    /** {@code S = Q·K^T}, one product per K^T tile into its columns of S, the first once the keys are in. */
    private List<Gemm> scores(Chunk k) {
        int b = hbm.core().kvBlockTokens();
        int nbj = nb(k);
        e.waitUntil(IssueQueue.COMPUTE, IssueQueue.LOAD, kIn[k.n()]);
        List<Gemm> gemms = new ArrayList<>();
        for (int t = 0; t * p.u() < nbj; t++) {
            int tk = Math.min(p.u(), nbj - t * p.u()) * b;
            gemms.add(new Gemm(new GemmCommand(k.mq(), hd(), tk, qBase(k), p.hdR(), wBase(k) + t * hd() * p.tW(),
                    p.tW(), t * p.tW(), p.bC(), false), Deps.NONE));
        }
        return gemms;
    }

    /** The whole tile of scores into the vector memory with one MOVE; then the K^T part is free. */
    private int moveScores(Chunk k) {
        e.emit(new Move(0, 0, k.mq(), GemmTiling.ceil(keys(k), hbm.core().cols()), p.bC(), p.bC(), Deps.NONE));
        return e.signal(IssueQueue.COMPUTE, IssueQueue.LOAD);
    }

    /** {@code P·V}, once the values are in. */
    private Gemm pv(Chunk k) {
        e.waitUntil(IssueQueue.COMPUTE, IssueQueue.LOAD, vIn[k.n()]);
        return new Gemm(new GemmCommand(k.mq(), keys(k), hd(), pSlot(k), p.bR(), wBase(k) + p.vOff(), p.hdC(),
                pvBase(), p.hdC(), false), Deps.NONE);
    }

    private int pvBase() {
        return p.mq() * p.bC();
    }

    /**
     * {@code P·V} out of the accumulator, a tile's first straight into the output rows; then the V
     * part is free.
     */
    private int movePv(Chunk k) {
        e.emit(new Move(pvBase(), k.j() == 0 ? p.oRows() : p.tmp(), k.mq(), p.hdC(), p.hdC(), p.hdC(), Deps.NONE));
        return e.signal(IssueQueue.COMPUTE, IssueQueue.LOAD);
    }

    /** Chunk {@code k}'s first softmax rows not yet emitted, as long as about {@code cycles} last. */
    private void softmaxEarly(Chunk k, long cycles) {
        for (long used = 0; used < cycles && early[k.n()] < k.mq(); early[k.n()]++) {
            used += emit(softmax(k, early[k.n()], early[k.n()] + 1).get(0));
        }
    }

    /**
     * Rows {@code from .. to-1} of the chunk's softmax, one a row: the row of scores (at its place
     * in the vector memory's tile) scaled and masked with its maximum, then {@code p} as
     * activations into the chunk's P slot with its sum, updating the row's running maximum,
     * rescale factor and sum (the tile's first chunk sets them) in the tile's register bank.
     */
    private List<Row> softmax(Chunk k, int from, int to) {
        int b = hbm.core().kvBlockTokens();
        int keys = keys(k);
        boolean first = k.j() == 0;
        List<Row> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            // past the chunk's keys the mask is a no-op and before them total: clamped into the field
            int diag = Math.max(-1, Math.min(keys - 1, tokens.get(k.r0() + i / k.heads()).position() - k.j() * p.nb() * b));
            int m = Registers.max(i);
            int sum = Registers.sum(i, k.tile() & 1);
            int rescale = Registers.rescale(i, k.tile() & 1);
            int at = i * p.bC();
            List<Instruction> ins = new ArrayList<>();
            ins.add(Vector.of(VectorOp.MUL_SCALAR, at, 0, 0, at, keys, false, Registers.SCALE, 0, 0).masked(diag)
                    .reducing(RowReduce.Kind.MAX, first ? m : Registers.TILE_MAX));
            if (!first) {
                ins.add(Scalar.op(ScalarFn.MAX, Registers.NEW_MAX, m, Registers.TILE_MAX, 0, 0));
                ins.add(Scalar.op(ScalarFn.EXP_SUB, rescale, m, 0, Registers.NEW_MAX, 0));
                ins.add(Scalar.op(ScalarFn.MAX, m, Registers.NEW_MAX, Registers.NEW_MAX, 0, 0));
            }
            ins.add(Vector.of(VectorOp.EXP_SUB, at, 0, 0, pSlot(k) + i * p.bR(), keys, true, m, 0, 0).masked(diag)
                    .reducing(RowReduce.Kind.SUM, first ? sum : Registers.TILE_SUM));
            if (!first) {
                ins.add(Scalar.op(ScalarFn.FMA_SCALAR, sum, sum, 0, rescale, Registers.TILE_SUM));
            }
            rows.add(row(ins));
        }
        return rows;
    }

    /**
     * {@code o += P·V} for a tile's later chunk (its first moved P·V straight in): several rows an
     * instruction when a row is whole words (they are back to back).
     */
    private List<Row> add(Chunk k) {
        List<Row> rows = new ArrayList<>();
        int each = hd() == p.hdC() * hbm.core().lanes() ? Math.max(1, RowPhases.MAX_VECTOR_LENGTH / hd()) : 1;
        for (int i = 0; k.j() > 0 && i < k.mq(); i += each) {
            int o = p.oRows() + i * p.hdC();
            rows.add(row(List.of(Vector.of(VectorOp.ADD_ROW, o, p.tmp() + i * p.hdC(), 0, o,
                    Math.min(each, k.mq() - i) * hd(), false, 0, 0, 0))));
        }
        return rows;
    }

    /** {@code o · (1/l)} as activations into the tile's output slot, the first once that slot's last store is done. */
    private List<Row> finish(Chunk k) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < k.mq(); i++) {
            Row r = row(List.of(Vector.of(VectorOp.MUL_RECIP, p.oRows() + i * p.hdC(), 0, 0, outSlot(k) + i * p.hdR(),
                    hd(), true, Registers.sum(i, k.tile() & 1), 0, 0)));
            rows.add(i == 0 && k.tile() >= 2 ? new Row(r.ins(), r.cycles(), true) : r);
        }
        return rows;
    }

    /** {@code o · c}: the running output rescaled for a tile's later chunk, before that chunk's P·V is added. */
    private List<Row> rescale(Chunk k) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; k.j() > 0 && i < k.mq(); i++) {
            int o = p.oRows() + i * p.hdC();
            rows.add(row(List.of(Vector.of(VectorOp.MUL_SCALAR, o, 0, 0, o, hd(), false,
                    Registers.rescale(i, k.tile() & 1), 0, 0))));
        }
        return rows;
    }

    /** The finished output slot out to HBM (the signal rides on the step's last compute instruction). */
    private void store(Chunk k) {
        CoreConfig c = hbm.core();
        e.signal(IssueQueue.COMPUTE, IssueQueue.STORE);
        e.waitFor(IssueQueue.STORE, IssueQueue.COMPUTE);
        rows(k, outSlot(k), (sram, hbmOff, n, elems, hbmStride, sramStride) -> e.emit(Dmas.store(c, Space.ACT, sram,
                st.att() + hbmOff, n, elems, hbmStride, sramStride)));
        e.signal(IssueQueue.STORE, IssueQueue.COMPUTE);
    }
}
