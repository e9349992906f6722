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
 *
 * <p>The engine takes its next command the cycle after a command's last row ({@code status_ready}),
 * while that one drains; {@link Schedule} times such a run of commands, each from the state the
 * one before left: the first weight load waits {@code ·L} cycles from the previous command's
 * last tile start unless fewer than two tiles have been loaded since the engine was idle, and an
 * accumulating command's first tile waits {@code R·L + 2} cycles from the previous command's last
 * tile start (same accumulator base and stride: row m reads what row m wrote) or from its last
 * row (another layout).
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

    /**
     * One command of a {@link Schedule}, in absolute cycles.
     *
     * @param accept     the cycle the engine took it ({@code cmd_start} high)
     * @param firstIssue the cycle of its first row (the check's end for a rejected command)
     * @param ready      the first cycle the engine takes the next command
     * @param retire     the cycle its {@code status_retire} pulse is high (its last result written)
     * @param counters   its own counters, as {@link #predict} gives them when taken from idle
     */
    public record Timing(long accept, long firstIssue, long ready, long retire, Counters counters) {
        /** Cycles from its accept to its retire. */
        public long cycles() {
            return retire - accept;
        }
    }

    /**
     * The engine's schedule over a run of commands, each taken at or after the previous one's
     * {@link Timing#ready}: the times the RTL gives them, to the cycle.
     */
    public static final class Schedule {
        private final ArrayConfig cfg;
        private long lastTileStart = Long.MIN_VALUE / 4;
        private long lastIssue = Long.MIN_VALUE / 4;
        private long retire = Long.MIN_VALUE / 4;
        private long ready = Long.MIN_VALUE / 4;
        private int loads;
        private int cBase = 0;
        private int cStride = 0;

        /** An idle engine. */
        public Schedule(ArrayConfig cfg) {
            this.cfg = cfg;
        }

        /** The first cycle the engine takes a command. */
        public long ready() {
            return ready;
        }

        /** Takes {@code cmd} at cycle {@code accept} (at least {@link #ready}); returns its times. */
        public Timing take(GemmCommand cmd, long accept) {
            if (accept < ready) {
                throw new IllegalArgumentException("command taken at " + accept + ", before the engine is ready at " + ready);
            }
            // the check's second cycle sees the previous command still draining
            boolean behind = accept + CHECK_CYCLES < retire;
            int prevBase = cBase;
            int prevStride = cStride;
            cBase = cmd.cBase();
            cStride = cmd.cStride();
            if (cmd.check(cfg) != EngineStatus.OK) {
                long end = Math.max(accept + CHECK_CYCLES + 1, retire + 1);
                ready = end;
                retire = end;
                return new Timing(accept, end, end, end, predict(cfg, cmd));
            }
            if (!behind) {
                loads = 0;
            }
            int r = cfg.rows();
            int l = cfg.latency();
            int reuse = Math.max(1, (r - 1) * l);
            int kt = cmd.kTiles(cfg);
            long tiles = (long) kt * cmd.nTiles(cfg);
            long m = cmd.m();
            long run = accept + CHECK_CYCLES + 1;
            long x = loads >= 2 ? Math.max(run, lastTileStart + reuse) : run;
            long s = x + r;
            if (behind && cmd.accumulate()) {
                boolean same = prevBase == cmd.cBase() && prevStride == cmd.cStride();
                s = Math.max(s, (same ? lastTileStart : lastIssue) + cfg.accHazardDistance());
            }
            long first = s;
            loads = Math.min(2, loads + 1);
            for (long t = 1; t < tiles; t++) {
                x = s + (loads < 2 ? 1 : reuse);
                long next = Math.max(x + r, s + m);
                if (t % kt != 0) {
                    next = Math.max(next, s + cfg.accHazardDistance());
                }
                s = next;
                loads = Math.min(2, loads + 1);
            }
            lastTileStart = s;
            lastIssue = s + m - 1;
            ready = lastIssue + 1;
            retire = lastIssue + cfg.drainCycles() + 1;
            return new Timing(accept, first, ready, retire, predict(cfg, cmd));
        }
    }

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
