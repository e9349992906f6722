package sohu.core.golden;

import java.util.ArrayDeque;
import sohu.core.array.EngineTiming;
import sohu.core.isa.BackgroundGemm;
import sohu.core.isa.Gemm;
import sohu.core.isa.Instruction;
import sohu.core.isa.IssueQueue;
import sohu.core.soc.SequencerConfig;

/**
 * When each queue may start its next instruction and when an instruction ends, as the sequencer
 * runs them: the compute queue one at a time, except that GEMMs run in the background (the next
 * compute instruction may start the cycle after a GEMM unless {@link BackgroundGemm#waits} says it
 * waits for a GEMM in flight to retire; the next GEMM starts when the matrix engine is ready, the
 * cycle after the previous one's last row, with at most {@link SequencerConfig#GEMM_IN_FLIGHT} in
 * flight, and each GEMM's times are the engine's {@link EngineTiming.Schedule}'s); the load and store queues up to
 * {@link CostModel#DMA_IN_FLIGHT} each, retiring in order (one a cycle at most). A DMA's cycles
 * split into its rows, which the one DMA engine moves one descriptor after another (the load and
 * store queues' alike, in the order they start), and its fixed latency ({@link CostModel#dmaFixed}),
 * which overlaps the next ones' rows. Callers must start instructions in the order of their start
 * cycles.
 */
public final class QueueFlight {
    private final CostModel cost;
    private final long[][] ends = new long[3][];
    private final int[] started = new int[3];
    private final long begin;
    private long rows;
    private final long[] last = new long[3];
    private final long[] busy = new long[3];
    private final int lanes;
    private final EngineTiming.Schedule engine;
    /** GEMMs started and not known to have retired, oldest first (a retired one drops out lazily). */
    private final ArrayDeque<Flying> gemms = new ArrayDeque<>();
    private EngineTiming.Timing lastGemm;

    private record Flying(Gemm gemm, long end) { }

    /** Queues that all begin at {@code begin} (the first instruction's fetch). */
    public QueueFlight(CostModel cost, long begin) {
        this.cost = cost;
        this.begin = begin;
        this.rows = begin;
        this.lanes = cost.core().lanes();
        this.engine = new EngineTiming.Schedule(cost.core().arrayConfig());
        for (IssueQueue q : IssueQueue.values()) {
            ends[q.ordinal()] = new long[window(q)];
            last[q.ordinal()] = begin;
        }
    }

    /** Instructions queue {@code q} keeps in flight. */
    public static int window(IssueQueue q) {
        return q == IssueQueue.COMPUTE ? 1 : CostModel.DMA_IN_FLIGHT;
    }

    /**
     * The earliest cycle queue {@code q} may start {@code next}: the one {@link #window} places back
     * has retired, and on the compute queue the GEMMs in flight that {@code next} waits for; a GEMM
     * waits for the engine to be ready and for room among the GEMMs in flight.
     */
    public long free(IssueQueue q, Instruction next) {
        int qi = q.ordinal();
        int n = ends[qi].length;
        long free = started[qi] < n ? begin : ends[qi][started[qi] % n];
        if (q != IssueQueue.COMPUTE) {
            return free;
        }
        if (next instanceof Gemm) {
            free = Math.max(free, engine.ready());
            if (gemms.size() >= SequencerConfig.GEMM_IN_FLIGHT) {
                // the GEMM that many places back retires first (in that cycle at the latest)
                Flying[] f = gemms.toArray(new Flying[0]);
                free = Math.max(free, f[f.length - SequencerConfig.GEMM_IN_FLIGHT].end());
            }
            return free;
        }
        long wait = free;
        for (Flying f : gemms) {
            if (f.end() > free && BackgroundGemm.waits(next, f.gemm(), lanes)) {
                wait = Math.max(wait, f.end());
            }
        }
        return wait;
    }

    /** The engine's times of the GEMM {@link #run} started last (null before the first). */
    public EngineTiming.Timing lastGemm() {
        return lastGemm;
    }

    /**
     * Starts {@code in} of queue {@code q} at {@code start} (at least {@link #free}), taking {@code d}
     * cycles alone; returns the cycle it retires.
     */
    public long run(IssueQueue q, Instruction in, long start, long d) {
        int qi = q.ordinal();
        long end;
        long slotFree;
        if (q == IssueQueue.COMPUTE) {
            end = start + d;
            // a GEMM leaves the queue the cycle after its start; its retire is the engine's, plus
            // what a calibration adds to the command
            slotFree = end;
            if (in instanceof Gemm g) {
                lastGemm = engine.take(g.cmd(), start);
                end = lastGemm.retire() + d - cost.cycles(g);
                while (!gemms.isEmpty() && gemms.peekFirst().end() <= start) {
                    gemms.pollFirst();
                }
                gemms.addLast(new Flying(g, end));
                slotFree = start + 1;
            }
        } else {
            long fixed = Math.min(d, cost.dmaFixed(in));
            rows = Math.max(start, rows) + d - fixed;
            end = Math.max(rows + fixed, last[qi] + 1);
            slotFree = end;
        }
        ends[qi][started[qi]++ % ends[qi].length] = slotFree;
        busy[qi] += Math.max(0, end - Math.max(start, last[qi]));
        last[qi] = Math.max(last[qi], end);
        return end;
    }

    /** The cycles some instruction of queue {@code q} has been in flight (a background GEMM's overlap counted once). */
    public long busy(IssueQueue q) {
        return busy[q.ordinal()];
    }

    /** The cycle queue {@code q}'s last-retiring instruction so far retired. */
    public long last(IssueQueue q) {
        return last[q.ordinal()];
    }
}
