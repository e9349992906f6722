package sohu.core.golden;

import java.util.List;

/**
 * When each instruction reaches its queue in the core: the fetch unit delivers the program in order
 * from a buffer of {@link CostModel#FETCH_CHUNKS} chunks of {@link CostModel#FETCH_CHUNK}
 * instructions (a chunk is fetched again only once the chunk it replaces is delivered, and takes
 * {@link CostModel#FETCH_CHUNK_CYCLES}), and an instruction enters its queue only when the queue
 * has room: the instruction {@link CostModel#QUEUE_DEPTH} places ahead of it in the same queue has
 * started. So a queue full of short instructions holds back the next instruction of every queue
 * (measured on the RTL: up to 40% of a prefill step on the 4x4 E4M3 core, whose program has 2,192
 * VECTORs).
 */
public final class Dispatch {
    private final int[] queueOf;
    private final int[] posInQueue;
    private final List<List<Integer>> queues;
    private final long[] at;
    private int known;

    /** The dispatch of a program whose instruction {@code i} is in queue {@code queueOf[i]}; {@code queues} lists each queue's instructions. */
    public Dispatch(int[] queueOf, List<List<Integer>> queues) {
        this.queueOf = queueOf;
        this.queues = queues;
        this.posInQueue = new int[queueOf.length];
        for (List<Integer> q : queues) {
            for (int k = 0; k < q.size(); k++) {
                posInQueue[q.get(k)] = k;
            }
        }
        this.at = new long[queueOf.length];
    }

    /**
     * The cycle instruction {@code index} enters its queue, or -1 while that depends on an
     * instruction that has not started yet.
     *
     * @param started per queue, how many of its instructions have started
     * @param start   each started instruction's start cycle
     */
    public long enters(int index, int[] started, long[] start) {
        while (known <= index) {
            int j = known;
            int q = queueOf[j];
            int k = posInQueue[j];
            long t = j == 0 ? 0 : at[j - 1];
            if (k >= CostModel.QUEUE_DEPTH) {
                int ahead = k - CostModel.QUEUE_DEPTH;
                if (started[q] <= ahead) {
                    return -1;
                }
                t = Math.max(t, start[queues.get(q).get(ahead)] + 1);
            }
            int chunk = j / CostModel.FETCH_CHUNK;
            if (j % CostModel.FETCH_CHUNK == 0 && chunk >= CostModel.FETCH_CHUNKS) {
                int freed = (chunk - CostModel.FETCH_CHUNKS + 1) * CostModel.FETCH_CHUNK - 1;
                t = Math.max(t, at[freed] + CostModel.FETCH_CHUNK_CYCLES);
            }
            at[j] = t;
            known++;
        }
        return at[index];
    }
}
