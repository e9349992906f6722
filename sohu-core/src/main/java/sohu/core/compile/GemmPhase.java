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
 * slot; the accumulator tile is moved to the vector memory, scaled, and stored. Products of one
 * A (Q, K and V; gate and up) run as one pipeline with one tiling and one barrier at the end, so
 * the next product's first tiles load while the last one's finish.
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
        GemmTiling g = GemmTiling.choose(c, t, k, maxN, products.get(0).w().name());
        int[] counts = new int[2];   // steps and epilogues so far: the slots alternate across products
        for (Product p : products) {
            e.phase(p.phase());
            product(e, c, t, a, g, p.w(), p.out(), counts);
        }
        e.barrier();
    }

    private static void product(Emitter e, CoreConfig c, int t, long a, GemmTiling g, ChipMatrix w, long out,
                                int[] counts) {
        int k = w.in();
        int n = w.out();
        int eb = c.elementBytes();
        int kr = GemmTiling.ceil(g.kt(), c.rows());
        int nc = GemmTiling.ceil(g.nt(), c.cols());
        int aSlot = g.actWords(c);
        int wSlot = g.wgtWords(c);
        int outBase = 0;
        int outWords = g.mt() * nc;
        int scaleBase = 2 * outWords;
        int steps = counts[0];
        int epilogues = counts[1];
        for (int m0 = 0; m0 < t; m0 += g.mt()) {
            int mt = Math.min(g.mt(), t - m0);
            for (int n0 = 0; n0 < n; n0 += g.nt()) {
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
                    e.signal(IssueQueue.LOAD, IssueQueue.COMPUTE);
                    e.waitFor(IssueQueue.COMPUTE, IssueQueue.LOAD);
                    e.emit(new Gemm(new GemmCommand(mt, kt, nt, slot * aSlot, kr, slot * wSlot, nc, 0, nc, k0 > 0),
                            Deps.NONE));
                    if (last) {
                        int oslot = epilogues & 1;
                        if (epilogues >= 2) {
                            e.waitFor(IssueQueue.COMPUTE, IssueQueue.STORE);
                        }
                        int o = outBase + oslot * outWords;
                        e.emit(new Move(0, o, mt, GemmTiling.ceil(nt, c.cols()), nc, nc, Deps.NONE));
                        if (w.scaled()) {
                            for (int r = 0; r < mt; r++) {
                                int row = o + r * nc;
                                e.emit(Vector.of(VectorOp.MUL_ROW, row, scaleBase + slot * nc, 0, row, nt, false,
                                        0, 0, 0));
                            }
                        }
                        e.signal(IssueQueue.COMPUTE, IssueQueue.LOAD);
                        e.signal(IssueQueue.COMPUTE, IssueQueue.STORE);
                        e.waitFor(IssueQueue.STORE, IssueQueue.COMPUTE);
                        e.emit(Dmas.store(c, Space.VMEM, o * c.lanes(), out + ((long) m0 * n + n0) * 4, mt, nt, 4L * n,
                                nc * c.lanes()));
                        e.signal(IssueQueue.STORE, IssueQueue.COMPUTE);
                        epilogues++;
                    } else {
                        e.signal(IssueQueue.COMPUTE, IssueQueue.LOAD);
                    }
                    steps++;
                }
            }
        }
        counts[0] = steps;
        counts[1] = epilogues;
    }
}
