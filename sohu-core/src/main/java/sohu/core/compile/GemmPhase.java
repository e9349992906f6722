package sohu.core.compile;

import java.util.List;
import sohu.core.array.GemmCommand;
import sohu.core.isa.Deps;
import sohu.core.isa.Gemm;
import sohu.core.isa.Move;
import sohu.core.isa.IssueQueue;
import sohu.core.isa.Space;
import sohu.core.isa.Vector;
import sohu.core.xformer.VectorOp;

/**
 * {@code out[T][N] = a[T][K] · W[K][N]} (times W's per-channel scale for FP8), FP32 out: for each
 * output tile, K tiles of A and W stream into alternating slots while the array works on the other
 * slot; the accumulator tile is moved to the vector memory, scaled, finished by the product's
 * {@link Epilogue} and stored. Products of one A (Q, K and V) run as one pipeline with one tiling
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
     * @param out   its FP32 {@code [T][N]} output in HBM
     */
    record Product(String phase, ChipMatrix w, long out) { }

    /** What happens to an output tile after its last K tile. */
    enum Epilogue {
        /** Stored as FP32. */
        STORE,
        /** Added to the tile of the FP32 {@code out} already there ({@code out += a·W}), stored as FP32. */
        RESIDUAL,
        /** The gate's tile: kept in the vector memory for the up product's tile that follows. */
        GATE,
        /** The up product's tile: {@code silu(gate)·up} stored in the activation format. */
        SWIGLU
    }

    private GemmPhase() {
    }

    /** One product and its barrier. */
    static void run(Emitter e, CoreConfig c, int t, long a, String phase, ChipMatrix w, long out) {
        run(e, c, t, a, List.of(new Product(phase, w, out)));
    }

    /** Products of the same {@code a[T][K]}, one after the other without barriers between them. */
    static void run(Emitter e, CoreConfig c, int t, long a, List<Product> products) {
        int k = products.get(0).w().in();
        int maxN = 0;
        for (Product p : products) {
            if (p.w().in() != k) {
                throw new IllegalArgumentException("products of one A need one K: " + p.w().name());
            }
            maxN = Math.max(maxN, p.w().out());
        }
        GemmTiling g = GemmTiling.choose(c, t, k, maxN, Epilogue.STORE, products.get(0).w().name());
        Pipeline pl = new Pipeline(e, c, t, a, g);
        for (Product p : products) {
            e.phase(p.phase());
            for (int m0 = 0; m0 < t; m0 += g.mt()) {
                for (int n0 = 0; n0 < p.w().out(); n0 += g.nt()) {
                    pl.tile(p.w(), m0, n0, Epilogue.STORE, p.out());
                }
            }
        }
        pl.finish();
        e.barrier();
    }

    /** {@code x[T][N] += a[T][K] · W[K][N]} (the residual add of {@code o_proj} and {@code down_proj}), then a barrier. */
    static void residual(Emitter e, CoreConfig c, int t, long a, String phase, ChipMatrix w, long x) {
        GemmTiling g = GemmTiling.choose(c, t, w.in(), w.out(), Epilogue.RESIDUAL, w.name());
        Pipeline pl = new Pipeline(e, c, t, a, g);
        e.phase(phase);
        for (int m0 = 0; m0 < t; m0 += g.mt()) {
            for (int n0 = 0; n0 < w.out(); n0 += g.nt()) {
                pl.tile(w, m0, n0, Epilogue.RESIDUAL, x);
            }
        }
        pl.finish();
        e.barrier();
    }

    /**
     * {@code h[T][F] = silu(a · gate) · (a · up)} in the activation format: per output tile the gate's
     * K tiles, then the up product's, then the SwiGLU rows; then a barrier.
     */
    static void swiGlu(Emitter e, CoreConfig c, int t, long a, String phase, ChipMatrix gate, ChipMatrix up, long h) {
        if (gate.in() != up.in() || gate.out() != up.out()) {
            throw new IllegalArgumentException("SwiGLU needs gate and up of one shape: " + gate.name() + ", " + up.name());
        }
        GemmTiling g = GemmTiling.choose(c, t, gate.in(), gate.out(), Epilogue.SWIGLU, gate.name());
        Pipeline pl = new Pipeline(e, c, t, a, g);
        e.phase(phase);
        for (int m0 = 0; m0 < t; m0 += g.mt()) {
            for (int n0 = 0; n0 < gate.out(); n0 += g.nt()) {
                pl.tile(gate, m0, n0, Epilogue.GATE, 0);
                pl.tile(up, m0, n0, Epilogue.SWIGLU, h);
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
        private final int kr;
        private final int nc;
        private final int aSlot;
        private final int wSlot;
        private final int outWords;
        private final int scaleBase;
        private final int extraBase;
        private final int hBase;
        private int steps;
        private int epilogues;
        private Runnable pending;

        Pipeline(Emitter e, CoreConfig c, int t, long a, GemmTiling g) {
            this.e = e;
            this.c = c;
            this.t = t;
            this.a = a;
            this.g = g;
            kr = GemmTiling.ceil(g.kt(), c.rows());
            nc = GemmTiling.ceil(g.nt(), c.cols());
            aSlot = g.actWords(c);
            wSlot = g.wgtWords(c);
            outWords = g.mt() * nc;
            scaleBase = 2 * outWords;
            extraBase = scaleBase + 2 * nc;   // vmem: the residual's two x slots, or the gate's tile
            hBase = 2 * aSlot;                // act: SwiGLU's two output slots
        }

        /** Output tile {@code (m0, n0)} of {@code w}: its K tiles, then the epilogue {@code ep} ({@code out} its HBM tensor). */
        void tile(ChipMatrix w, int m0, int n0, Epilogue ep, long out) {
            int k = w.in();
            int n = w.out();
            int eb = c.elementBytes();
            int mt = Math.min(g.mt(), t - m0);
            int nt = Math.min(g.nt(), n - n0);
            for (int k0 = 0; k0 < k; k0 += g.kt()) {
                int kt = Math.min(g.kt(), k - k0);
                boolean last = k0 + kt >= k;
                int slot = steps & 1;
                if (steps >= 2) {
                    e.waitFor(IssueQueue.LOAD, IssueQueue.COMPUTE);
                }
                e.emit(Dmas.load(c, Space.ACT, slot * aSlot * c.rows(), a + ((long) m0 * k + k0) * eb, mt, kt,
                        (long) k * eb, kr * c.rows()));
                e.emit(Dmas.load(c, Space.WGT, slot * wSlot * c.cols(), w.addr() + ((long) k0 * n + n0) * eb, kt, nt,
                        (long) n * eb, nc * c.cols()));
                if (last && w.scaled()) {
                    e.emit(Dmas.load(c, Space.VMEM, (scaleBase + slot * nc) * c.lanes(), w.scaleAddr() + 4L * n0, nt));
                }
                if (last && ep == Epilogue.RESIDUAL) {   // the tile of x this tile adds to, in the slot's x place
                    e.emit(Dmas.load(c, Space.VMEM, (extraBase + slot * outWords) * c.lanes(), out + ((long) m0 * n + n0) * 4,
                            mt, nt, 4L * n, nc * c.lanes()));
                }
                e.signal(IssueQueue.LOAD, IssueQueue.COMPUTE);
                finish();   // the previous tile's epilogue, behind this step's loads and before its GEMM
                e.waitFor(IssueQueue.COMPUTE, IssueQueue.LOAD);
                e.emit(new Gemm(new GemmCommand(mt, kt, nt, slot * aSlot, kr, slot * wSlot, nc, 0, nc, k0 > 0), Deps.NONE));
                if (last) {
                    pending = () -> epilogue(w, m0, n0, mt, nt, slot, ep, out);
                } else {
                    e.signal(IssueQueue.COMPUTE, IssueQueue.LOAD);
                }
                steps++;
            }
        }

        /**
         * Emits the last tile's epilogue if it is still pending. A tile's epilogue goes out after
         * the next tile's first loads: the core dispatches in program order, so loads placed behind
         * an epilogue's row instructions would reach the load queue only as they start.
         */
        void finish() {
            if (pending != null) {
                Runnable r = pending;
                pending = null;
                r.run();
            }
        }

        private void epilogue(ChipMatrix w, int m0, int n0, int mt, int nt, int slot, Epilogue ep, long out) {
            int n = w.out();
            if (ep == Epilogue.GATE) {   // the gate's tile waits in the vector memory for the up product's
                e.emit(new Move(0, extraBase, mt, GemmTiling.ceil(nt, c.cols()), nc, nc, Deps.NONE));
                scale(w, extraBase, mt, nt, slot);
                e.signal(IssueQueue.COMPUTE, IssueQueue.LOAD);
                return;
            }
            int oslot = epilogues & 1;
            if (epilogues >= 2) {
                e.waitFor(IssueQueue.COMPUTE, IssueQueue.STORE);
            }
            int o = oslot * outWords;
            e.emit(new Move(0, o, mt, GemmTiling.ceil(nt, c.cols()), nc, nc, Deps.NONE));
            scale(w, o, mt, nt, slot);
            int hw = GemmTiling.ceil(nt, c.rows());
            int h = hBase + oslot * g.mt() * hw;
            if (ep == Epilogue.RESIDUAL) {   // x + o, as the residual row phase adds
                int x = extraBase + slot * outWords;
                rows(mt, nt, (r, rs, len) -> e.emit(Vector.of(VectorOp.ADD_ROW, x + r * nc, o + r * nc, 0, o + r * nc, len,
                        false, 0, 0, 0)));
            } else if (ep == Epilogue.SWIGLU) {
                rows(mt, nt, (r, rs, len) -> e.emit(Vector.of(VectorOp.SWIGLU, extraBase + r * nc, o + r * nc, 0,
                        h + r * hw, len, true, 0, 0, 0)));
            }
            e.signal(IssueQueue.COMPUTE, IssueQueue.LOAD);
            e.signal(IssueQueue.COMPUTE, IssueQueue.STORE);
            e.waitFor(IssueQueue.STORE, IssueQueue.COMPUTE);
            if (ep == Epilogue.SWIGLU) {
                int eb = c.elementBytes();
                e.emit(Dmas.store(c, Space.ACT, h * c.rows(), out + ((long) m0 * n + n0) * eb, mt, nt, (long) n * eb,
                        hw * c.rows()));
            } else {
                e.emit(Dmas.store(c, Space.VMEM, o * c.lanes(), out + ((long) m0 * n + n0) * 4, mt, nt, 4L * n,
                        nc * c.lanes()));
            }
            e.signal(IssueQueue.STORE, IssueQueue.COMPUTE);
            epilogues++;
        }

        /** FP8: each row of the tile at vmem word {@code o} times the channel scales loaded with the slot's last K tile. */
        private void scale(ChipMatrix w, int o, int mt, int nt, int slot) {
            if (w.scaled()) {
                for (int r = 0; r < mt; r++) {
                    int row = o + r * nc;
                    e.emit(Vector.of(VectorOp.MUL_ROW, row, scaleBase + slot * nc, 0, row, nt, false, 0, 0, 0));
                }
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
                int rs = Math.min(each, mt - r);
                run.emit(r, rs, rs * nt);
            }
        }
    }

    /** Emits a row instruction for rows {@code r .. r+rows-1}, {@code length} elements in all. */
    private interface RowRun {
        void emit(int r, int rows, int length);
    }
}
