package sohu.core.golden;

import sohu.core.isa.BackgroundGemm;
import sohu.core.isa.Gemm;
import sohu.core.isa.Instruction;
import sohu.core.isa.IssueQueue;

/**
 * When each queue may start its next instruction and when an instruction ends, as the sequencer
 * runs them: the compute queue one at a time, except that a GEMM runs in the background (the next
 * compute instruction may start the cycle after it unless {@link BackgroundGemm#waits} says it
 * waits for the GEMM to retire); the load and store queues up to
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
    private Gemm gemm;
    private long gemmEnd;

    /** Queues that all begin at {@code begin} (the first instruction's fetch). */
    public QueueFlight(CostModel cost, long begin) {
        this.cost = cost;
        this.begin = begin;
        this.rows = begin;
        this.lanes = cost.core().lanes();
        this.gemmEnd = begin;
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
     * has retired, and on the compute queue the background GEMM too when {@code next} waits for it.
     */
    public long free(IssueQueue q, Instruction next) {
        int qi = q.ordinal();
        int n = ends[qi].length;
        long free = started[qi] < n ? begin : ends[qi][started[qi] % n];
        if (q == IssueQueue.COMPUTE && gemm != null && gemmEnd > free && BackgroundGemm.waits(next, gemm, lanes)) {
            free = gemmEnd;
        }
        return free;
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
            // a GEMM leaves the queue the cycle after its start; its retire is the engine's done
            slotFree = end;
            if (in instanceof Gemm g) {
                gemm = g;
                gemmEnd = end;
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
