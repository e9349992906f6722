package sohu.core.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import sohu.core.array.GemmCommand;
import sohu.core.isa.Deps;
import sohu.core.isa.Gemm;
import sohu.core.isa.Instruction;
import sohu.core.isa.Move;
import sohu.core.isa.IssueQueue;
import sohu.core.isa.Space;
import sohu.core.isa.Sync;
import sohu.core.isa.Vector;
import sohu.core.xformer.VectorOp;

/**
 * {@code out[T][N] = a[T][K] · W[K][N]} (times W's per-channel scale for FP8), FP32 out: for each
 * output tile, K tiles of A and W stream into alternating slots while the array works on the other
 * slot; the accumulator tile is moved to the vector memory, scaled, finished by the product's
 * {@link Epilogue} and stored, its row work placed behind the next tile's first GEMM so it runs
 * while the array does (a GEMM runs in the background of the compute queue: docs/ISA.md). Products of one A (Q, K and V) run as one pipeline with one tiling
 * and one barrier at the end, so the next product's first tiles load while the last one's finish.
 * Two epilogues fuse the row phase that would follow: the residual add ({@code x += a·W}, the
 * tile of {@code x} loaded beside the last K tile) and SwiGLU (the gate's and the up product's
 * tiles of one output tile formed one after the other, {@code silu(gate)·up} written as
 * activations), so those FP32 products never go out to HBM and back.
 */
final class GemmPhase {
    /**
     * One product of a phase.
     *
     * @param phase its name in the program ({@link Emitter#phase})
     * @param w     the weights
     * @param ep    what its output tiles become
     * @param out   its FP32 {@code [T][N]} output in HBM ({@link Epilogue#STORE}, {@link Epilogue#RESIDUAL})
     * @param sink  where its activation-format tiles go ({@link Epilogue#activations()}), else null
     */
    record Product(String phase, ChipMatrix w, Epilogue ep, long out, ActSink sink) {
        /** A product stored as FP32 to {@code out}. */
        Product(String phase, ChipMatrix w, long out) {
            this(phase, w, Epilogue.STORE, out, null);
        }
    }

    /** What happens to an output tile after its last K tile. */
    enum Epilogue {
        /** Stored as FP32. */
        STORE,
        /** Added to the tile of the FP32 {@code out} already there ({@code out += a·W}), stored as FP32. */
        RESIDUAL,
        /** The gate's tile: kept in the vector memory for the up product's tile that follows. */
        GATE,
        /** The up product's tile: {@code silu(gate)·up} written as activations. */
        SWIGLU,
        /** Each head rotated by RoPE (the step's tables loaded beside the last K tile), written as activations. */
        ROPE,
        /** Converted to the activation format. */
        CONVERT;

        /** Whether the tile leaves through the activation memory and an {@link ActSink}. */
        boolean activations() {
            return this == SWIGLU || this == ROPE || this == CONVERT;
        }
    }

    /** Stores an activation-format output tile: {@code mt} rows of {@code nt} elements, columns {@code n0..}, for tokens {@code m0..}. */
    interface ActSink {
        /**
         * The tile's STOREs (plain: the pipeline adds their tokens), in order.
         *
         * @param sram      the tile's first act element
         * @param rowStride act elements from one row to the next
         */
        List<Instruction> stores(int sram, int rowStride, int m0, int n0, int mt, int nt);

        /** Whether its tiles are many STOREs that go as a stream beside the next tiles ({@link Pipeline#store}). */
        default boolean streams() {
            return false;
        }

        /** {@code sink} with its STOREs streamed. */
        static ActSink streamed(ActSink sink) {
            return new ActSink() {
                @Override
                public List<Instruction> stores(int sram, int rowStride, int m0, int n0, int mt, int nt) {
                    return sink.stores(sram, rowStride, m0, n0, mt, nt);
                }

                @Override
                public boolean streams() {
                    return true;
                }
            };
        }

        /** The rows of the activation-format tensor {@code [T][n]} at {@code out}. */
        static ActSink rows(CoreConfig c, long out, int n) {
            int eb = c.elementBytes();
            return (sram, rowStride, m0, n0, mt, nt) -> List.of(Dmas.store(c, Space.ACT, sram,
                    out + ((long) m0 * n + n0) * eb, mt, nt, (long) n * eb, rowStride));
        }
    }

    /**
     * The step's RoPE tables for {@link Epilogue#ROPE}: per token a row of {@code rowBytes} bytes,
     * the FP32 cos of every column then the sin (each head's first half negated), repeated per head
     * of {@code headDim} columns (a tile's columns are whole heads, so its tables are the first
     * columns of its tokens' rows).
     */
    record Rope(long tables, int rowBytes, int headDim) { }

    /**
     * The RMSNorm fused into a residual product ({@link NormEpilogue}): the finished rows of
     * {@code x} normalized with {@code gain} into the activation-format {@code out[T][N]}.
     */
    record Norm(long gain, long out) { }

    /** Instructions between two streamed STOREs ({@link Pipeline#store}). */
    static final int STREAM_EVERY = 3;
    /** A store slot whose stores still stream. */
    private static final int STREAMING = -2;

    private GemmPhase() {
    }

    /** One product and its barrier; {@code tail} (else null) the RMSNorm rows of {@code a} a residual left ({@link NormEpilogue.Tail}). */
    static void run(Emitter e, CoreConfig c, int t, long a, String phase, ChipMatrix w, long out,
                    NormEpilogue.Tail tail) {
        run(e, c, t, a, List.of(new Product(phase, w, out)), null, tail);
    }

    /** Products of the same {@code a[T][K]} stored as FP32, one after the other without barriers between them. */
    static void run(Emitter e, CoreConfig c, int t, long a, List<Product> products) {
        run(e, c, t, a, products, null, null);
    }

    /**
     * Products of the same {@code a[T][K]}, each with its own epilogue, one after the other without
     * barriers between them; {@code rope} (else null) the tables of their {@link Epilogue#ROPE}
     * tiles, whose columns are then whole heads. With RoPE the products' tiles go token tile by
     * token tile (all products of one tile of tokens, then the next), as one phase named by the
     * first product. {@code tail} (else null): the rows of {@code a} a residual's RMSNorm left, done
     * beside the first tiles.
     */
    static void run(Emitter e, CoreConfig c, int t, long a, List<Product> products, Rope rope,
                    NormEpilogue.Tail tail) {
        int k = products.get(0).w().in();
        int maxN = 0;
        boolean rotates = false;
        for (Product p : products) {
            if (p.w().in() != k) {
                throw new IllegalArgumentException("products of one A need one K: " + p.w().name());
            }
            maxN = Math.max(maxN, p.w().out());
            rotates |= p.ep() == Epilogue.ROPE;
        }
        if (rotates && rope == null) {
            throw new IllegalArgumentException("RoPE epilogue without tables: " + products.get(0).w().name());
        }
        Epilogue widest = rotates ? Epilogue.ROPE : products.stream().anyMatch(p -> p.ep().activations())
                ? Epilogue.CONVERT : Epilogue.STORE;
        GemmTiling g = rotates ? ropeTiling(c, t, k, maxN, rope.headDim(), products.get(0).w().name())
                : GemmTiling.choose(c, t, k, maxN, widest, c.cols(), products.get(0).w().name());
        int streamed = 0;   // act words of a streamed product's tile (its own two slots)
        for (Product p : products) {
            if (p.sink() != null && p.sink().streams()) {
                streamed = Math.max(streamed, g.mt() * GemmTiling.ceil(Math.min(g.nt(), p.w().out()), c.rows()));
            }
        }
        Pipeline pl = new Pipeline(e, c, t, a, g, widest, rope, streamed);
        pl.take(tail);
        if (rotates) {
            // token tiles outer, so the append's many short STOREs spread over all the products' tiles
            e.phase(products.get(0).phase());
            for (int m0 = 0; m0 < t; m0 += g.mt()) {
                for (Product p : products) {
                    for (int n0 = 0; n0 < p.w().out(); n0 += g.nt()) {
                        pl.tile(p, m0, n0);
                    }
                }
            }
        } else {
            for (Product p : products) {
                e.phase(p.phase());
                for (int m0 = 0; m0 < t; m0 += g.mt()) {
                    for (int n0 = 0; n0 < p.w().out(); n0 += g.nt()) {
                        pl.tile(p, m0, n0);
                    }
                }
            }
        }
        pl.finish();
        e.barrier();
    }

    /**
     * The tiling of products of {@code a[T][K]} up to {@code n} columns with RoPE epilogues: tiles of
     * whole heads of {@code headDim} columns, with room for RoPE's tables and swapped tile.
     */
    static GemmTiling ropeTiling(CoreConfig c, int t, int k, int n, int headDim, String what) {
        return GemmTiling.choose(c, t, k, n, Epilogue.ROPE, lcm(headDim, c.cols()), what);
    }

    /** The least common multiple of {@code a} and {@code b}. */
    private static int lcm(int a, int b) {
        int x = a;
        int y = b;
        while (y != 0) {
            int r = x % y;
            x = y;
            y = r;
        }
        return a / x * b;
    }

    /**
     * {@code x[T][N] += a[T][K] · W[K][N]} (the residual add of {@code o_proj} and {@code down_proj}),
     * then with {@code norm} (else null) the RMSNorm that follows, when its slots fit beside the
     * tiles' ({@link #normGroup}); then a barrier.
     *
     * @return the norm's rows left to the next product ({@link NormEpilogue.Tail}), or empty when the
     *     norm was not fused (the caller runs it as its own phase)
     */
    static Optional<NormEpilogue.Tail> residual(Emitter e, CoreConfig c, int t, long a, String phase,
                                                          ChipMatrix w, long x, Norm norm) {
        GemmTiling g = residualTiling(c, t, w, norm != null);
        Pipeline pl = new Pipeline(e, c, t, a, g, Epilogue.RESIDUAL, null, 0);
        Product p = new Product(phase, w, Epilogue.RESIDUAL, x, null);
        e.phase(phase);
        int group = norm == null ? 0 : group(c, w, g);
        if (group > 0) {
            pl.normalize(norm, x, w.out(), group);
        }
        for (int m0 = 0; m0 < t; m0 += g.mt()) {
            for (int n0 = 0; n0 < w.out(); n0 += g.nt()) {
                pl.tile(p, m0, n0);
            }
        }
        pl.finish();
        e.barrier();
        return Optional.ofNullable(pl.left);
    }

    /** Rows per group of the RMSNorm {@link #residual} fuses for {@code w} ({@link NormEpilogue#group}); 0: it does not fit. */
    static int normGroup(CoreConfig c, int t, ChipMatrix w) {
        return group(c, w, residualTiling(c, t, w, true));
    }

    private static int group(CoreConfig c, ChipMatrix w, GemmTiling g) {
        return NormEpilogue.group(c, w.out(), g.vmemWords(c, Epilogue.RESIDUAL), g.actWordsAll(c, Epilogue.RESIDUAL));
    }

    /**
     * The residual's tiling; with {@code norm}, when its tiles leave no room for the norm's slots,
     * tiles that leave room for groups of {@link NormEpilogue#RESERVED_GROUP} rows if their estimate
     * is not more than the norm's rows alone would cost (a row phase: two VECTORs a row, about
     * {@link #NORM_ROW_FIXED} cycles each beyond its words, no GEMM beside them).
     */
    private static GemmTiling residualTiling(CoreConfig c, int t, ChipMatrix w, boolean norm) {
        GemmTiling plain = GemmTiling.choose(c, t, w.in(), w.out(), Epilogue.RESIDUAL, c.cols(), w.name());
        if (!norm || group(c, w, plain) > 0) {
            return plain;
        }
        int hw = GemmTiling.ceil(w.out(), c.lanes());
        int g0 = NormEpilogue.RESERVED_GROUP;
        int vRoom = c.vDepth() - hw - 2 * g0 * hw;
        int aRoom = c.aDepth() - 2 * g0 * GemmTiling.ceil(w.out(), c.rows());
        if (vRoom <= 0 || aRoom <= 0) {
            return plain;
        }
        try {
            GemmTiling roomy = GemmTiling.choose(c, t, w.in(), w.out(), Epilogue.RESIDUAL, c.cols(), w.name(), aRoom,
                    vRoom);
            double alone = 2.0 * t * (hw + NORM_ROW_FIXED);
            return roomy.estimate(c, t, w.in(), w.out(), Epilogue.RESIDUAL)
                    <= plain.estimate(c, t, w.in(), w.out(), Epilogue.RESIDUAL) + alone ? roomy : plain;
        } catch (IllegalArgumentException e) {
            return plain;   // no tiling fits beside the norm's slots
        }
    }

    /** A VECTOR's cycles beyond its words, roughly (the vector unit's drain and issue). */
    private static final int NORM_ROW_FIXED = 26;

    /**
     * {@code h[T][F] = silu(a · gate) · (a · up)} in the activation format: per output tile the gate's
     * K tiles, then the up product's, then the SwiGLU rows; then a barrier.
     */
    static void swiGlu(Emitter e, CoreConfig c, int t, long a, String phase, ChipMatrix gate, ChipMatrix upW, long h,
                       NormEpilogue.Tail tail) {
        if (gate.in() != upW.in() || gate.out() != upW.out()) {
            throw new IllegalArgumentException("SwiGLU needs gate and up of one shape: " + gate.name() + ", " + upW.name());
        }
        GemmTiling g = GemmTiling.choose(c, t, gate.in(), gate.out(), Epilogue.SWIGLU, c.cols(), gate.name());
        Pipeline pl = new Pipeline(e, c, t, a, g, Epilogue.SWIGLU, null, 0);
        pl.take(tail);
        Product gp = new Product(phase, gate, Epilogue.GATE, 0, null);
        Product up = new Product(phase, upW, Epilogue.SWIGLU, 0, ActSink.rows(c, h, upW.out()));
        e.phase(phase);
        for (int m0 = 0; m0 < t; m0 += g.mt()) {
            for (int n0 = 0; n0 < gate.out(); n0 += g.nt()) {
                pl.tile(gp, m0, n0);
                pl.tile(up, m0, n0);
            }
        }
        pl.finish();
        e.barrier();
    }

    /**
     * The tiles of one pipeline: the load slots and the output slots alternate across all its
     * tiles, so the next tile's first loads go out while the last one's finish.
     */
    private static final class Pipeline {
        private final Emitter e;
        private final CoreConfig c;
        private final int t;
        private final long a;
        private final GemmTiling g;
        private final Rope rope;
        private final int kr;
        private final int nc;
        private final int aSlot;
        private final int wSlot;
        private final int outWords;
        private final int oSlots;
        // accumulator slots: with two, a tile's MOVEs go after the next tile's first GEMM, which
        // writes the other slot (a MOVE waits only for the GEMMs whose words it reads)
        private final int accSlots;
        private int outTiles;
        private final int scaleWords;
        private final int scaleBase;
        private final int extraBase;
        private final int swapped;
        private final int swappedScale;
        private final int hBase;
        private int steps;
        // act word of the streamed product's two output slots, and their size (0: it shares the others)
        private final int streamBase;
        private final int streamWords;
        private int sharedTiles;
        private int streamedTiles;
        // per store slot (0, 1 shared, 2, 3 the streamed product's): the signal that its last store
        // is done, -1 before its first, STREAMING while its stores still stream
        private final int[] slotStored = {-1, -1, -1, -1};
        private int extrasTiles;
        // per step, the signal that its GEMM has retired (its A and W slot free)
        private final List<Integer> slotFree = new ArrayList<>();
        // per extras slot, the signal that the row work reading it is done (-1: never used)
        private final int[] extrasFree = {-1, -1};
        // a tile's epilogue, in three parts emitted at different places of the next steps
        private final java.util.EnumMap<PendingPart, Runnable> pending = new java.util.EnumMap<>(PendingPart.class);
        // the residual's fused RMSNorm, or the one whose tail this pipeline takes, else null
        private NormEpilogue norm;
        private boolean ownNorm;
        // the residual's norm's rows left at its end, for the next pipeline
        private NormEpilogue.Tail left;
        // the vector and activation words the pipeline's slots use
        private final int vmemEnd;
        private final int actEnd;
        // whether nothing since the last GEMM waits for it to retire (no SYNC with signals): then
        // rows placed before the next GEMM run beside it
        private boolean gemmAlone;

        /**
         * {@code layout}: the epilogue the tiling made room for ({@link GemmTiling#vmemWords});
         * {@code streamed}: act words of a streamed product's tile, or 0.
         */
        Pipeline(Emitter e, CoreConfig c, int t, long a, GemmTiling g, Epilogue layout, Rope rope, int streamed) {
            this.e = e;
            this.c = c;
            this.t = t;
            this.a = a;
            this.g = g;
            this.rope = rope;
            kr = GemmTiling.ceil(g.kt(), c.rows());
            nc = GemmTiling.ceil(g.nt(), c.cols());
            aSlot = g.actWords(c);
            wSlot = g.wgtWords(c);
            outWords = g.mt() * nc;
            accSlots = 2 * outWords <= c.cDepth() ? 2 : 1;
            // two FP32 output slots when the store queue reads them; one when only the compute
            // queue does (the tile leaves as activations)
            oSlots = layout.activations() ? 1 : 2;
            // FP8: a tile of the channel scales (the row repeated for every row of the tile), so
            // one VECTOR scales the whole output tile
            scaleWords = WeightConversion.scaled(c.format()) ? outWords : nc;
            scaleBase = oSlots * outWords;
            // vmem past the scales: the residual's two x slots, the gate's tile, or RoPE's two
            // (cos, sin) slots, the swapped tile and two swapped scale rows
            extraBase = scaleBase + 2 * scaleWords;
            swapped = extraBase + 4 * outWords;
            swappedScale = swapped + outWords;
            hBase = 2 * aSlot;                // act: two activation-format output slots
            // and two of the streamed product's, when they fit: its stores have a whole tile of the
            // others' to stream beside before its slot comes round again
            boolean own = streamed > 0 && hBase + 2 * outWords + 2 * streamed <= c.aDepth();
            streamBase = own ? hBase + 2 * outWords : -1;
            streamWords = own ? streamed : 0;
            vmemEnd = g.vmemWords(c, layout);
            actEnd = own ? streamBase + 2 * streamWords : g.actWordsAll(c, layout);
        }

        /** Fuses the RMSNorm of the finished {@code h}-wide rows of {@code x} (a residual's), in groups of {@code group} rows. */
        void normalize(Norm n, long x, int h, int group) {
            norm = new NormEpilogue(e, c, h, x, n, group, vmemEnd, actEnd);
            ownNorm = true;
        }

        /**
         * Takes a residual's RMSNorm rows left ({@code tail}, else null): beside this pipeline's
         * tiles where its slots fit past the pipeline's, else all before them.
         */
        void take(NormEpilogue.Tail tail) {
            if (tail == null || tail.from() >= t) {
                return;
            }
            int group = NormEpilogue.group(c, tail.h(), vmemEnd, actEnd);
            boolean beside = group > 0;
            if (!beside) {   // nothing of the pipeline's is on chip yet: all the memories are the norm's
                group = NormEpilogue.group(c, tail.h(), 0, 0);
            }
            norm = new NormEpilogue(e, c, tail.h(), tail.x(), tail.norm(), group, beside ? vmemEnd : 0,
                    beside ? actEnd : 0);
            norm.take(tail, t);
            if (!beside) {
                norm.awaitRows(t);
            }
        }

        /**
         * Output tile {@code (m0, n0)} of product {@code p}: its K tiles; its epilogue follows in two
         * parts, the MOVEs out of the accumulator (after the next tile's first GEMM when the tiles
         * alternate between two accumulator slots, else before it, as it overwrites them) and the
         * row work after that GEMM, which runs in the background meanwhile.
         */
        void tile(Product p, int m0, int n0) {
            ChipMatrix w = p.w();
            int k = w.in();
            int n = w.out();
            int eb = c.elementBytes();
            int mt = Math.min(g.mt(), t - m0);
            int nt = Math.min(g.nt(), n - n0);
            boolean extras = w.scaled() || p.ep() == Epilogue.RESIDUAL || p.ep() == Epilogue.ROPE;
            int xslot = extrasTiles & 1;
            int acc = (outTiles++ % accSlots) * outWords;
            for (int k0 = 0; k0 < k; k0 += g.kt()) {
                int kt = Math.min(g.kt(), k - k0);
                boolean last = k0 + kt >= k;
                int slot = steps & 1;
                if (steps >= 2) {   // the slot's previous GEMM has retired
                    e.waitUntil(IssueQueue.LOAD, IssueQueue.COMPUTE, slotFree.get(steps - 2));
                }
                if (norm != null) {   // a tail's rows of a are normalized first
                    norm.awaitRows(m0 + mt);
                }
                e.emit(Dmas.load(c, Space.ACT, slot * aSlot * c.rows(), a + ((long) m0 * k + k0) * eb, mt, kt,
                        (long) k * eb, kr * c.rows()));
                e.emit(Dmas.load(c, Space.WGT, slot * wSlot * c.cols(), w.addr() + ((long) k0 * n + n0) * eb, kt, nt,
                        (long) n * eb, nc * c.cols()));
                if (last && extras) {
                    if (extrasFree[xslot] >= 0) {   // the row work that read this extras slot is done
                        e.waitUntil(IssueQueue.LOAD, IssueQueue.COMPUTE, extrasFree[xslot]);
                    }
                    lastLoads(p, m0, n0, mt, nt, xslot);
                }
                int loaded = e.signal(IssueQueue.LOAD, IssueQueue.COMPUTE);
                if (norm != null) {   // after the step's own loads, so a run of its rows does not hold them back
                    if (gemmAlone) {
                        norm.compute(2);
                    }
                    norm.loads();
                }
                // an earlier tile's store goes behind this step's loads: the DMA engine takes its
                // queues' rows in the order they start, and this GEMM needs the loads first
                runPending(PendingPart.STORE);
                if (accSlots == 1) {
                    runPending(PendingPart.MOVES);
                }
                e.waitUntil(IssueQueue.COMPUTE, IssueQueue.LOAD, loaded);
                e.emit(new Gemm(new GemmCommand(mt, kt, nt, slot * aSlot, kr, slot * wSlot, nc, acc, nc, k0 > 0), Deps.NONE));
                slotFree.add(e.signal(IssueQueue.COMPUTE, IssueQueue.LOAD));
                gemmAlone = true;
                runPending(PendingPart.MOVES);
                runPending(PendingPart.ROWS);
                if (last) {
                    Done d = new Done(p, m0, n0, mt, nt, xslot, extras, storeSlot(p), acc);
                    pending.put(PendingPart.MOVES, () -> moves(d));
                    pending.put(PendingPart.ROWS, () -> rows(d));
                }
                steps++;
            }
            if (extras) {
                extrasTiles++;
            }
        }

        /** The last tiles' epilogue parts still pending (nothing left to overlap them with). */
        void finish() {
            runPending(PendingPart.STORE);
            runPending(PendingPart.MOVES);
            runPending(PendingPart.ROWS);
            runPending(PendingPart.STORE);
            if (norm != null && ownNorm) {
                left = norm.leave(t);
            } else if (norm != null) {
                norm.finish();
            }
        }

        private void runPending(PendingPart part) {
            Runnable r = pending.remove(part);
            if (r != null) {
                r.run();
            }
        }

        /** What the epilogue reads beside the last K tile, into extras slot {@code xslot}: the scales, the residual's x, RoPE's tables. */
        private void lastLoads(Product p, int m0, int n0, int mt, int nt, int xslot) {
            ChipMatrix w = p.w();
            int n = w.out();
            int l = c.lanes();
            if (w.scaled()) {
                e.emit(Dmas.load(c, Space.VMEM, (scaleBase + xslot * scaleWords) * l, w.scaleAddr() + 4L * n0, mt, nt, 0,
                        nc * l));
            }
            if (p.ep() == Epilogue.RESIDUAL) {   // the tile of x this tile adds to, in the slot's x place
                e.emit(Dmas.load(c, Space.VMEM, (extraBase + xslot * outWords) * l, p.out() + ((long) m0 * n + n0) * 4,
                        mt, nt, 4L * n, nc * l));
            } else if (p.ep() == Epilogue.ROPE) {
                int cos = extraBase + xslot * 2 * outWords;
                long row = rope.tables() + (long) m0 * rope.rowBytes();
                e.emit(Dmas.load(c, Space.VMEM, cos * l, row, mt, nt, rope.rowBytes(), nc * l));
                e.emit(Dmas.load(c, Space.VMEM, (cos + outWords) * l, row + rope.rowBytes() / 2, mt, nt, rope.rowBytes(),
                        nc * l));
                if (w.scaled()) {   // the scales of the swapped tile: each head's halves swapped
                    int hd = rope.headDim();
                    int half = hd / 2;
                    int at = (swappedScale + xslot * scaleWords) * l;
                    for (int x = 0; x < nt / hd; x++) {
                        long head = w.scaleAddr() + 4L * (n0 + x * hd);
                        e.emit(Dmas.load(c, Space.VMEM, at + x * hd + half, head, mt, half, 0, nc * l));
                        e.emit(Dmas.load(c, Space.VMEM, at + x * hd, head + 4L * half, mt, half, 0, nc * l));
                    }
                }
            }
        }

        /**
         * An output tile whose epilogue is pending.
         *
         * @param xslot  its extras slot (scales, x, RoPE tables)
         * @param extras whether it loaded extras
         * @param slot   its store slot: 0 or 1, or 2 or 3 for a streamed product's own (-1: no store)
         * @param acc    its first accumulator word
         */
        private record Done(Product p, int m0, int n0, int mt, int nt, int xslot, boolean extras, int slot, int acc) { }

        /** The next tile of {@code p}'s store slot. */
        private int storeSlot(Product p) {
            if (p.ep() == Epilogue.GATE) {
                return -1;
            }
            if (streamBase >= 0 && p.sink() != null && p.sink().streams()) {
                return 2 + (streamedTiles++ & 1);
            }
            return sharedTiles++ & 1;
        }

        /** The next instruction of the compute queue waits until store slot {@code slot}'s last store is done. */
        private void waitStored(int slot) {
            e.drainWhile(() -> slotStored[slot] == STREAMING);
            if (slotStored[slot] >= 0) {
                e.waitUntil(IssueQueue.COMPUTE, IssueQueue.STORE, slotStored[slot]);
            }
        }

        /** The epilogue's MOVEs out of the accumulator (into the gate's place, the output slot, RoPE's swapped tile). */
        private void moves(Done d) {
            int words = GemmTiling.ceil(d.nt(), c.cols());
            if (d.p().ep() == Epilogue.GATE) {   // the gate's tile waits in the vector memory for the up product's
                e.emit(new Move(d.acc(), extraBase, d.mt(), words, nc, nc, Deps.NONE));
                return;
            }
            waitStored(d.slot());   // the output slot's previous store is done
            e.emit(new Move(d.acc(), outSlot(d), d.mt(), words, nc, nc, Deps.NONE));
            if (d.p().ep() == Epilogue.ROPE) {   // each head's halves exchanged, for the rotation
                int hdw = rope.headDim() / c.cols();
                int halfw = hdw / 2;
                for (int head = 0; head < d.nt() / rope.headDim(); head++) {
                    int at = d.acc() + head * hdw;
                    int to = swapped + head * hdw;
                    e.emit(new Move(at + halfw, to, d.mt(), halfw, nc, nc, Deps.NONE));
                    e.emit(new Move(at, to + halfw, d.mt(), halfw, nc, nc, Deps.NONE));
                }
            }
        }

        private int outSlot(Done d) {
            return (d.slot() & 1) % oSlots * outWords;
        }

        /**
         * The epilogue's row work, then one SYNC carrying its signals (so only the SYNC waits for the
         * GEMM running beside it), then the tile's store.
         */
        private void rows(Done d) {
            Product p = d.p();
            ChipMatrix w = p.w();
            Epilogue ep = p.ep();
            int mt = d.mt();
            int nt = d.nt();
            int scales = scaleBase + d.xslot() * scaleWords;
            if (ep == Epilogue.GATE) {
                scale(w, extraBase, mt, nt, scales);
                release(d, false);
                return;
            }
            int o = outSlot(d);
            scale(w, o, mt, nt, scales);
            int hw = GemmTiling.ceil(nt, c.rows());
            // slots as wide as the widest tile, rows packed
            int h = d.slot() < 2 ? hBase + d.slot() * outWords : streamBase + (d.slot() - 2) * streamWords;
            switch (ep) {
                case RESIDUAL -> {   // x + o, as the residual row phase adds
                    int x = extraBase + d.xslot() * outWords;
                    rows(mt, nt, (r, len) -> e.emit(Vector.of(VectorOp.ADD_ROW, x + r * nc, o + r * nc, 0, o + r * nc,
                            len, false, 0, 0, 0)));
                }
                case SWIGLU -> rows(mt, nt, (r, len) -> e.emit(Vector.of(VectorOp.SWIGLU, extraBase + r * nc, o + r * nc,
                        0, h + r * hw, len, true, 0, 0, 0)));
                case ROPE -> rotate(w, o, h, hw, mt, nt, d.xslot());
                case CONVERT -> rows(mt, nt, (r, len) -> e.emit(Vector.of(VectorOp.MUL_SCALAR, o + r * nc, 0, 0,
                        h + r * hw, len, true, Registers.ONE, 0, 0)));
                default -> { }
            }
            int ready = release(d, true);
            pending.put(PendingPart.STORE, () -> {
                List<Instruction> stores;
                if (ep.activations()) {
                    stores = p.sink().stores(h * c.rows(), hw * c.rows(), d.m0(), d.n0(), mt, nt);
                } else {
                    int n = w.out();
                    stores = List.of(Dmas.store(c, Space.VMEM, o * c.lanes(), p.out() + ((long) d.m0() * n + d.n0()) * 4,
                            mt, nt, 4L * n, nc * c.lanes()));
                }
                store(stores, d.slot(), ready);
                if (ownNorm && d.n0() + nt >= w.out()) {   // the tile of tokens has all its columns
                    norm.rowsStored(d.m0(), mt, slotStored[d.slot()]);
                }
            });
        }

        /**
         * A tile's STOREs (the first waits for its row work) and the signal after them, for store
         * slot {@code slot}. A streamed product's (slots 2 and 3: the key append's one-element rows: a token's keys
         * are a column of {@code K^T}) go on after the first one as a stream, one every
         * {@link #STREAM_EVERY} instructions, beside the next tiles: the core dispatches in program
         * order and a queue takes only a few ahead, so a run of them would hold the weight loads and
         * GEMMs behind it until they had all started. Tokens stay in order: each tile's first store
         * pops its row work's signal, and each slot waits for its own store signal by number.
         */
        private void store(List<Instruction> stores, int slot, int ready) {
            e.waitUntil(IssueQueue.STORE, IssueQueue.COMPUTE, ready);
            e.emit(stores.get(0));
            if (slot < 2) {
                stores.subList(1, stores.size()).forEach(e::emit);
                slotStored[slot] = e.signal(IssueQueue.STORE, IssueQueue.COMPUTE);
                return;
            }
            slotStored[slot] = STREAMING;
            List<Runnable> rest = new ArrayList<>();
            for (Instruction s : stores.subList(1, stores.size())) {
                rest.add(() -> e.emit(s));
            }
            rest.add(() -> slotStored[slot] = e.signal(IssueQueue.STORE, IssueQueue.COMPUTE));
            e.stream(rest, STREAM_EVERY);
        }

        /**
         * Ends a tile's row work (and the fused norm's rows, which share it): a SYNC, so the signals
         * after it wait for the background GEMM and the row work does not; its extras slot free;
         * with {@code stored} the signal its store waits for, returned (else -1).
         */
        private int release(Done d, boolean stored) {
            boolean normed = norm != null && norm.beforeSync(2);   // the norm's rows share the SYNC
            e.emit(new Sync(IssueQueue.COMPUTE, Deps.NONE));
            gemmAlone = false;
            int free = d.extras() || normed ? e.signal(IssueQueue.COMPUTE, IssueQueue.LOAD) : -1;
            if (d.extras()) {
                extrasFree[d.xslot()] = free;
            }
            int ready = stored ? e.signal(IssueQueue.COMPUTE, IssueQueue.STORE) : -1;
            if (normed) {
                norm.afterSync(free, ready);
            }
            return ready;
        }

        /**
         * RoPE of the tile at vmem word {@code o} into act word {@code h}: {@code o·cos +
         * swap(o)·sin}, as the row phase computes it; the swapped tile (each head's halves
         * exchanged, {@link #moves}) has its scales swapped alike.
         */
        private void rotate(ChipMatrix w, int o, int h, int hw, int mt, int nt, int xslot) {
            scale(w, swapped, mt, nt, swappedScale + xslot * scaleWords);
            int cos = extraBase + xslot * 2 * outWords;
            int sin = cos + outWords;
            rows(mt, nt, (r, len) -> {
                e.emit(Vector.of(VectorOp.MUL_ROW, swapped + r * nc, sin + r * nc, 0, swapped + r * nc, len, false,
                        0, 0, 0));
                e.emit(Vector.of(VectorOp.FMA_ROW, o + r * nc, cos + r * nc, swapped + r * nc, h + r * hw, len, true,
                        0, 0, 0));
            });
        }

        /** FP8: the tile at vmem word {@code o} times the tile of channel scales at vmem word {@code scales}. */
        private void scale(ChipMatrix w, int o, int mt, int nt, int scales) {
            if (w.scaled()) {
                rows(mt, nt, (r, len) -> e.emit(Vector.of(VectorOp.MUL_ROW, o + r * nc, scales + r * nc, 0, o + r * nc,
                        len, false, 0, 0, 0)));
            }
        }

        /**
         * The tile's rows for row instructions: when a row fills its {@code nc} words the rows are
         * back to back, so several rows go as one instruction of up to
         * {@link RowPhases#MAX_VECTOR_LENGTH} elements.
         */
        private void rows(int mt, int nt, RowRun run) {
            int each = nt == nc * c.lanes() ? Math.max(1, RowPhases.MAX_VECTOR_LENGTH / nt) : 1;
            for (int r = 0; r < mt; r += each) {
                run.emit(r, Math.min(each, mt - r) * nt);
            }
        }
    }

    /** The parts of a pending epilogue: its MOVEs, its row work, its store. */
    private enum PendingPart { MOVES, ROWS, STORE }

    /** Emits a row instruction for the rows from {@code r} on, {@code length} elements in all. */
    private interface RowRun {
        void emit(int r, int length);
    }
}
