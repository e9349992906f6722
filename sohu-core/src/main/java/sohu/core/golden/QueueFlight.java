package sohu.core.golden;

import sohu.core.isa.Instruction;
import sohu.core.isa.IssueQueue;

/**
 * When each queue may start its next instruction and when an instruction ends, as the sequencer
 * runs them: the compute queue one at a time; the load and store queues up to
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

    /** Queues that all begin at {@code begin} (the first instruction's fetch). */
    public QueueFlight(CostModel cost, long begin) {
        this.cost = cost;
        this.begin = begin;
        this.rows = begin;
        for (IssueQueue q : IssueQueue.values()) {
            ends[q.ordinal()] = new long[window(q)];
            last[q.ordinal()] = begin;
        }
    }

    /** Instructions queue {@code q} keeps in flight. */
    public static int window(IssueQueue q) {
        return q == IssueQueue.COMPUTE ? 1 : CostModel.DMA_IN_FLIGHT;
    }

    /** The earliest cycle queue {@code q} may start its next instruction: the one {@link #window} places back has retired. */
    public long free(IssueQueue q) {
        int qi = q.ordinal();
        int n = ends[qi].length;
        return started[qi] < n ? begin : ends[qi][started[qi] % n];
    }

    /**
     * Starts {@code in} of queue {@code q} at {@code start} (at least {@link #free}), taking {@code d}
     * cycles alone; returns the cycle it retires.
     */
    public long run(IssueQueue q, Instruction in, long start, long d) {
        int qi = q.ordinal();
        long end;
        if (q == IssueQueue.COMPUTE) {
            end = start + d;
        } else {
            long fixed = Math.min(d, cost.dmaFixed(in));
            rows = Math.max(start, rows) + d - fixed;
            end = Math.max(rows + fixed, last[qi] + 1);
        }
        ends[qi][started[qi]++ % ends[qi].length] = end;
        last[qi] = end;
        return end;
    }

    /** The cycle queue {@code q}'s last instruction retired. */
    public long last(IssueQueue q) {
        return last[q.ordinal()];
    }
}
