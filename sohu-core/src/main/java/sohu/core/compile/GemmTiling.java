package sohu.core.compile;

import java.util.ArrayList;
import java.util.List;

/**
 * Tile sizes of one {@code [T][K]·[K][N]} product: {@code mt × kt} activation tiles and
 * {@code kt × nt} weight tiles, two of each on chip (double buffering), one {@code mt × nt}
 * accumulator tile, and in the vector memory two output tiles and two scale rows; with a fused
 * epilogue ({@link GemmPhase.Epilogue}) also two tiles of the residual's {@code x}, or the
 * gate's tile in the vector memory and two SwiGLU output tiles in the activation memory.
 *
 * @param mt rows per tile
 * @param kt reduction depth per tile (a multiple of R unless it is all of K)
 * @param nt columns per tile (a multiple of C unless it is all of N)
 */
record GemmTiling(int mt, int kt, int nt) {
    /** The largest field the instructions carry for sizes and rows. */
    static final int MAX_FIELD = 4095;
    /** Rows per tile the chooser keeps before it halves them further. */
    static final int MIN_ROWS = 32;

    static int ceil(int a, int b) {
        return (a + b - 1) / b;
    }

    /** Activation words of one tile slot (A operand). */
    int actWords(CoreConfig c) {
        return mt * ceil(kt, c.rows());
    }

    /** Weight words of one tile slot. */
    int wgtWords(CoreConfig c) {
        return kt * ceil(nt, c.cols());
    }

    /** Accumulator words of the output tile. */
    int accWords(CoreConfig c) {
        return mt * ceil(nt, c.cols());
    }

    /** Vector words: the output tiles (two, or one for activation outputs), two scale rows (FP8: tiles), then the epilogue's tiles. */
    int vmemWords(CoreConfig c, GemmPhase.Epilogue ep) {
        int nl = ceil(nt, c.lanes());
        int scales = WeightConversion.scaled(c.format()) ? mt * nl : 0;   // FP8: a tile of scales, else none
        int extra = switch (ep) {
            case RESIDUAL -> 2 * mt * nl;
            case GATE, SWIGLU -> mt * nl;
            case ROPE -> 5 * mt * nl + 2 * scales;   // two (cos, sin) slots, the swapped tile, its two scale tiles
            case STORE, CONVERT -> 0;
        };
        int outputs = ep.activations() ? 1 : 2;   // read by the store queue only when stored as FP32
        return outputs * mt * nl + 2 * Math.max(nl, scales) + extra;
    }

    /** Activation words: two A slots, then two activation-format output tiles. */
    int actWordsAll(CoreConfig c, GemmPhase.Epilogue ep) {
        return 2 * actWords(c) + (ep.activations() ? 2 * mt * ceil(nt, c.rows()) : 0);
    }

    private boolean fits(CoreConfig c, GemmPhase.Epilogue ep, int aRoom, int vRoom) {
        return actWordsAll(c, ep) <= aRoom && 2 * wgtWords(c) <= c.wDepth() && accWords(c) <= c.cDepth()
                && vmemWords(c, ep) <= vRoom;
    }

    /**
     * Chooses tiles for the product, shrinking from large ones until they fit.
     *
     * @param ep   the epilogue the tiles get (its tiles need room too)
     * @param unit the columns of a tile are a multiple of it, or all of N (the array's columns, or
     *             whole heads for RoPE)
     * @param what the product's name, for the error
     */
    static GemmTiling choose(CoreConfig c, int t, int k, int n, GemmPhase.Epilogue ep, int unit, String what) {
        return choose(c, t, k, n, ep, unit, what, c.aDepth(), c.vDepth());
    }

    /**
     * As {@link #choose(CoreConfig, int, int, int, GemmPhase.Epilogue, int, String)}, the tiles in the
     * first {@code aRoom} activation and {@code vRoom} vector words (the rest kept for other work).
     */
    static GemmTiling choose(CoreConfig c, int t, int k, int n, GemmPhase.Epilogue ep, int unit, String what,
                             int aRoom, int vRoom) {
        // two ways to make the output tile fit: fewer rows (each weight tile then serves fewer rows
        // and is loaded more often) or narrower N (each activation tile is loaded more often, in
        // shorter weight rows); and, where that gave up rows, every K depth and width with the most
        // rows that fit (halving M can drop it below the ·L + R rows that hide a weight load: 68 rows where 136 do not
        // fit beat 34); the cheapest by a rough estimate of the product's cycles
        List<GemmTiling> candidates = new ArrayList<>();
        candidates.add(choose(c, t, k, n, ep, unit, what, false, aRoom, vRoom));
        candidates.add(choose(c, t, k, n, ep, unit, what, true, aRoom, vRoom));
        if (ep == GemmPhase.Epilogue.ROPE || candidates.stream().anyMatch(g -> g.mt < Math.min(t, 256))) {
            candidates.addAll(mostRows(c, t, k, n, ep, unit, aRoom, vRoom));   // only where halving gave up rows
        }
        GemmTiling best = candidates.get(0);
        double least = best.estimate(c, t, k, n, ep);
        for (GemmTiling g : candidates) {
            double cost = g.estimate(c, t, k, n, ep);
            if (cost < least) {
                best = g;
                least = cost;
            }
        }
        if (best.nt % unit != 0 && best.nt != n) {
            throw new IllegalArgumentException(what + ": no tiling of " + t + "x" + k + " * " + k + "x" + n
                    + " in columns of " + unit + " fits the core's memories; use larger depths");
        }
        return best;
    }

    /**
     * About the cycles of the whole product with these tiles: per K step the larger of the GEMM
     * (the matrix engine's own timing, weight loads the rows cannot hide included) and its two
     * loads (a cost per DMA row, rows that are back to back in HBM counting as one, and the bytes
     * at the HBM port's rate), the last K step's loads with the epilogue's extras ({@code ep}: FP8
     * scale rows, the residual's x, RoPE's tables, a row per tile row each), plus the moves of the
     * output tiles (the epilogue's row work runs beside the next GEMM). Only compares tilings; the
     * cycle model ({@code CostModel}) times the program.
     */
    double estimate(CoreConfig c, int t, int k, int n, GemmPhase.Epilogue ep) {
        double rowCost = 3.5;
        long tiles = (long) ceil(t, mt) * ceil(n, nt);
        long steps = tiles * ceil(k, kt);
        int eb = c.elementBytes();
        int kr = ceil(kt, c.rows());
        int nc = ceil(nt, c.cols());
        double gemm = sohu.core.array.EngineTiming.predict(c.arrayConfig(),
                new sohu.core.array.GemmCommand(mt, kt, nt, 0, kr, 0, nc, 0, nc, false)).cycles();
        double aRows = kt == k ? 1 : mt;
        double wRows = nt == n ? 1 : kt;
        double dma = (aRows + wRows) * rowCost + ((double) mt * kt + (double) kt * nt) * eb / c.axiBytes();
        int extraSets = (WeightConversion.scaled(c.format()) ? 1 : 0) + (ep == GemmPhase.Epilogue.RESIDUAL ? 1 : 0)
                + (ep == GemmPhase.Epilogue.ROPE ? 2 : 0);
        double extras = extraSets * ((double) mt * rowCost + 4.0 * mt * nt / c.axiBytes());
        return (steps - tiles) * Math.max(gemm, dma) + tiles * Math.max(gemm, dma + extras)
                + tiles * (double) mt * ceil(nt, c.cols());
    }

    private static GemmTiling choose(CoreConfig c, int t, int k, int n, GemmPhase.Epilogue ep, int unit, String what,
                                     boolean narrowFirst, int aRoom, int vRoom) {
        int mt = Math.min(t, 256);
        int kt = firstDepth(c, k);
        int nt = firstWidth(n, unit);
        for (int guard = 0; guard < 64; guard++) {
            GemmTiling g = new GemmTiling(Math.min(mt, MAX_FIELD), Math.min(kt, MAX_FIELD), Math.min(nt, MAX_FIELD));
            if (g.mt == mt && g.kt == kt && g.nt == nt && g.fits(c, ep, aRoom, vRoom)) {
                return g;
            }
            if (2 * g.wgtWords(c) > c.wDepth() || kt > MAX_FIELD) {
                // narrower N first (down to 8 array columns: each weight tile then serves M rows
                // into several accumulator words), then shallower K
                if (nt > 8 * c.cols() && kt <= MAX_FIELD) {
                    nt = shrink(nt, unit);
                } else if (kt > c.rows()) {
                    kt = shrink(kt, c.rows());
                } else {
                    nt = shrink(nt, unit);
                }
            } else if (g.actWordsAll(c, ep) > aRoom) {
                // keep M at least MIN_ROWS (the array hides weight loads behind M >= (R-1)·L + R) by
                // splitting K first; below that, fewer rows
                int keep = narrowFirst ? 2 * MIN_ROWS : MIN_ROWS;
                if (narrowFirst && mt <= keep && kt <= c.rows() && nt > unit && ep.activations()) {
                    nt = shrink(nt, unit);   // the output tiles share the activation memory
                } else if (mt > keep || (mt > 1 && kt <= c.rows())) {
                    mt = (mt + 1) / 2;
                } else {
                    kt = shrink(kt, c.rows());
                }
            } else if (mt > 1 && (g.accWords(c) > c.cDepth() || g.vmemWords(c, ep) > vRoom || mt > MAX_FIELD)) {
                // the output tile: fewer rows (narrowFirst: down to 2·MIN_ROWS, then narrower N, then
                // fewer rows again)
                if (!narrowFirst || mt > 2 * MIN_ROWS || nt <= unit || mt > MAX_FIELD) {
                    mt = (mt + 1) / 2;
                } else {
                    nt = shrink(nt, unit);
                }
            } else {
                nt = shrink(nt, unit);
            }
        }
        throw new IllegalArgumentException(what + ": no tiling of " + t + "x" + k + " * " + k + "x" + n
                + " fits the core's memories (aDepth " + c.aDepth() + ", wDepth " + c.wDepth() + ", cDepth "
                + c.cDepth() + ", vDepth " + c.vDepth() + "); use larger depths");
    }

    /** The K depth the chooser starts from: all of K up to 1024, else 1024 rounded to the array's rows. */
    private static int firstDepth(CoreConfig c, int k) {
        return k <= 1024 ? k : 1024 / c.rows() * c.rows();
    }

    /** The width the chooser starts from: all of N up to 256 (or one unit), else 256 rounded to the unit. */
    private static int firstWidth(int n, int unit) {
        return n <= Math.max(256, unit) ? n : Math.max(1, 256 / unit) * unit;
    }

    /** For each K depth and width the halvings give, the tiling with the most rows that fit. */
    private static List<GemmTiling> mostRows(CoreConfig c, int t, int k, int n, GemmPhase.Epilogue ep, int unit,
                                             int aRoom, int vRoom) {
        List<GemmTiling> out = new ArrayList<>();
        for (int kt = firstDepth(c, k); ; kt = shrink(kt, c.rows())) {
            for (int nt = firstWidth(n, unit); ; nt = shrink(nt, unit)) {
                GemmTiling g = mostRows(c, t, kt, nt, ep, aRoom, vRoom);
                if (g != null && kt <= MAX_FIELD && nt <= MAX_FIELD) {
                    out.add(g);
                }
                if (nt <= unit) {
                    break;
                }
            }
            if (kt <= c.rows()) {
                return out;
            }
        }
    }

    /**
     * Depth {@code kt} and width {@code nt} with the most rows, up to 256, that fit, spread evenly
     * over the tiles they need (e.g. 74 rows where 128 do not fit, rather than 64: an M of more
     * than R·L + 2 keeps the array from waiting for its partial sums); null when not even one row fits.
     */
    private static GemmTiling mostRows(CoreConfig c, int t, int kt, int nt, GemmPhase.Epilogue ep, int aRoom, int vRoom) {
        for (int m = Math.min(Math.min(t, 256), MAX_FIELD); m >= 1; m--) {
            if (new GemmTiling(m, kt, nt).fits(c, ep, aRoom, vRoom)) {
                return new GemmTiling(ceil(t, ceil(t, m)), kt, nt);
            }
        }
        return null;
    }

    /** Halves {@code x}, keeping a multiple of {@code unit} (at least one unit). */
    private static int shrink(int x, int unit) {
        int h = Math.max(unit, (x / 2) / unit * unit);
        return h < x ? h : Math.max(1, x / 2);
    }
}
