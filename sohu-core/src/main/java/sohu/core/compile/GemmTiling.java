package sohu.core.compile;

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

    /** Vector words: two output tiles and two scale rows, then the epilogue's tiles. */
    int vmemWords(CoreConfig c, GemmPhase.Epilogue ep) {
        int nl = ceil(nt, c.lanes());
        int extra = switch (ep) {
            case RESIDUAL -> 2 * mt * nl;
            case GATE, SWIGLU -> mt * nl;
            case STORE -> 0;
        };
        return 2 * mt * nl + 2 * nl + extra;
    }

    /** Activation words: two A slots, then SwiGLU's two output tiles. */
    int actWordsAll(CoreConfig c, GemmPhase.Epilogue ep) {
        return 2 * actWords(c) + (ep == GemmPhase.Epilogue.SWIGLU ? 2 * mt * ceil(nt, c.rows()) : 0);
    }

    private boolean fits(CoreConfig c, GemmPhase.Epilogue ep) {
        return actWordsAll(c, ep) <= c.aDepth() && 2 * wgtWords(c) <= c.wDepth() && accWords(c) <= c.cDepth()
                && vmemWords(c, ep) <= c.vDepth();
    }

    /**
     * Chooses tiles for the product, shrinking from large ones until they fit.
     *
     * @param ep   the epilogue the tiles get (its tiles need room too)
     * @param what the product's name, for the error
     */
    static GemmTiling choose(CoreConfig c, int t, int k, int n, GemmPhase.Epilogue ep, String what) {
        // two ways to make the output tile fit: fewer rows (each weight tile then serves fewer rows
        // and is loaded more often) or narrower N (each activation tile is loaded more often, in
        // shorter weight rows); the cheaper by a rough estimate of the product's cycles
        GemmTiling rows = choose(c, t, k, n, ep, what, false);
        GemmTiling cols = choose(c, t, k, n, ep, what, true);
        return cols.estimate(c, t, k, n) < rows.estimate(c, t, k, n) ? cols : rows;
    }

    /**
     * About the cycles of the whole product with these tiles: per K step the larger of the GEMM
     * (the matrix engine's own timing, weight loads the rows cannot hide included) and its two loads (a cost per DMA row, rows that are
     * back to back in HBM counting as one, and the bytes at the HBM port's rate), plus the moves
     * of the output tiles. Only compares tilings; the cycle model ({@code CostModel}) times the program.
     */
    double estimate(CoreConfig c, int t, int k, int n) {
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
        return steps * Math.max(gemm, dma) + tiles * (double) mt * ceil(nt, c.cols());
    }

    private static GemmTiling choose(CoreConfig c, int t, int k, int n, GemmPhase.Epilogue ep, String what,
                                     boolean narrowFirst) {
        int mt = Math.min(t, 256);
        int kt = k <= 1024 ? k : 1024 / c.rows() * c.rows();
        int nt = n <= 256 ? n : 256 / c.cols() * c.cols();
        for (int guard = 0; guard < 64; guard++) {
            GemmTiling g = new GemmTiling(Math.min(mt, MAX_FIELD), Math.min(kt, MAX_FIELD), Math.min(nt, MAX_FIELD));
            if (g.mt == mt && g.kt == kt && g.nt == nt && g.fits(c, ep)) {
                return g;
            }
            if (2 * g.wgtWords(c) > c.wDepth() || kt > MAX_FIELD) {
                // narrower N first (down to 8 array columns: each weight tile then serves M rows
                // into several accumulator words), then shallower K
                if (nt > 8 * c.cols() && kt <= MAX_FIELD) {
                    nt = shrink(nt, c.cols());
                } else if (kt > c.rows()) {
                    kt = shrink(kt, c.rows());
                } else {
                    nt = shrink(nt, c.cols());
                }
            } else if (g.actWordsAll(c, ep) > c.aDepth()) {
                // keep M at least MIN_ROWS (the array hides weight loads behind M >= (R-1)·L + R) by
                // splitting K first; below that, fewer rows
                int keep = narrowFirst ? 2 * MIN_ROWS : MIN_ROWS;
                if (narrowFirst && mt <= keep && kt <= c.rows() && nt > c.cols() && ep == GemmPhase.Epilogue.SWIGLU) {
                    nt = shrink(nt, c.cols());   // SwiGLU's output tiles share the activation memory
                } else if (mt > keep || (mt > 1 && kt <= c.rows())) {
                    mt = (mt + 1) / 2;
                } else {
                    kt = shrink(kt, c.rows());
                }
            } else if (mt > 1 && (g.accWords(c) > c.cDepth() || g.vmemWords(c, ep) > c.vDepth() || mt > MAX_FIELD)) {
                // the output tile: fewer rows (narrowFirst: down to 2·MIN_ROWS, then narrower N, then
                // fewer rows again)
                if (!narrowFirst || mt > 2 * MIN_ROWS || nt <= c.cols() || mt > MAX_FIELD) {
                    mt = (mt + 1) / 2;
                } else {
                    nt = shrink(nt, c.cols());
                }
            } else {
                nt = shrink(nt, c.cols());
            }
        }
        throw new IllegalArgumentException(what + ": no tiling of " + t + "x" + k + " * " + k + "x" + n
                + " fits the core's memories (aDepth " + c.aDepth() + ", wDepth " + c.wDepth() + ", cDepth "
                + c.cDepth() + ", vDepth " + c.vDepth() + "); use larger depths");
    }

    /** Halves {@code x}, keeping a multiple of {@code unit} (at least one unit). */
    private static int shrink(int x, int unit) {
        int h = Math.max(unit, (x / 2) / unit * unit);
        return h < x ? h : Math.max(1, x / 2);
    }
}
