package sohu.core.array;

/**
 * Cycle model of {@link EngineController}: the tile schedule it runs and the counters it reports,
 * to the cycle (the Verilator suite checks the hardware counters against it).
 *
 * <p>Tiles run in order t = 0 .. T-1 (N tiles outer, K tiles inner), M rows each. With the first
 * cycle after the two check cycles as 0, the weight load of tile t starts at {@code X(t)} and its
 * first row issues at {@code S(t)}:
 * <pre>
 *   X(0) = 0,  X(1) = S(0) + 1,  X(t) = S(t-1) + max(1, (R-1)·L)          (buffer of tile t-2 free)
 *   S(t) = max(X(t) + R,                                                   (weights shifted in)
 *              S(t-1) + M,                                                 (previous tile issued)
 *              S(t-1) + R·L + 2  if tile t is not the first K tile)       (partial sums written back)
 * </pre>
 * The last row issues at {@code E = S(T-1) + M - 1} and the last result is written
 * {@code R·L + C} cycles later. So the array hides the weight loads when
 * {@code M ≥ ·L + R} and never waits for partial sums when {@code M ≥ R·L + 2}.
 */
public final class EngineTiming {
    private EngineTiming() {
    }

    /**
     * The counters of one command, as {@code perf_*} reports them.
     *
     * @param cycles       busy cycles from the start to done
     * @param busy         cycles in which a row of activations entered the array
     * @param macs         useful multiply-adds (M·K·N)
     * @param fill         cycles before the first row (command check and first weight load)
     * @param drain        cycles after the last row until its results are written
     * @param stallWeights cycles waiting for the next tile's weights
     * @param stallAcc     cycles waiting for partial sums to be written back
     */
    public record Counters(long cycles, long busy, long macs, long fill, long drain, long stallWeights, long stallAcc) {
        /** Utilization as peers measure it: {@code M·K·N / (R·C)} over the measured cycles. */
        public double utilization(ArrayConfig cfg) {
            return (double) macs / ((double) cfg.rows() * cfg.cols() * cycles);
        }

        /** Issued cycles that did no useful work because of edge padding, in whole-array cycles. */
        public double padding(ArrayConfig cfg) {
            return busy - (double) macs / ((double) cfg.rows() * cfg.cols());
        }
    }

    /** Cycles of the command check (both for valid and rejected commands). */
    public static final int CHECK_CYCLES = 2;

    /** The counters the engine reports for a command (a rejected one only spends the check). */
    public static Counters predict(ArrayConfig cfg, GemmCommand cmd) {
        if (cmd.check(cfg) != EngineStatus.OK) {
            return new Counters(CHECK_CYCLES, 0, 0, CHECK_CYCLES, 0, 0, 0);
        }
        int r = cfg.rows();
        int l = cfg.latency();
        int kt = cmd.kTiles(cfg);
        int nt = cmd.nTiles(cfg);
        long m = cmd.m();
        long tiles = (long) kt * nt;
        long stallW = 0;
        long stallAcc = 0;
        long prevS = r; // S(0) = X(0) + R
        for (long t = 1; t < tiles; t++) {
            long x = prevS + (t == 1 ? 1 : Math.max(1, (r - 1) * l));
            long s = Math.max(x + r, prevS + m);
            if (t % kt != 0) {
                s = Math.max(s, prevS + cfg.accHazardDistance());
            }
            long gapStart = prevS + m;
            long weightsVisible = x + r;
            stallW += Math.max(0, Math.min(s, weightsVisible) - gapStart);
            stallAcc += Math.max(0, s - Math.max(gapStart, weightsVisible));
            prevS = s;
        }
        long last = prevS + m - 1;
        long drain = cfg.drainCycles();
        long cycles = CHECK_CYCLES + last + 1 + drain;
        long macs = (long) cmd.m() * cmd.k() * cmd.n();
        return new Counters(cycles, tiles * m, macs, CHECK_CYCLES + r, drain, stallW, stallAcc);
    }
}
