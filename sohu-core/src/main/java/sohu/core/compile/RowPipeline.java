package sohu.core.compile;

import sohu.core.isa.IssueQueue;

/**
 * The software pipeline of a row-by-row phase: row {@code i} loads into slot {@code i mod 2}
 * while the compute queue works on the other slot and the store queue drains the one before.
 * Tokens: load → compute (the inputs are in), compute → load (slot inputs free again), compute →
 * store (the results are ready), store → compute (slot outputs free again). So a body's load
 * slots must be read only by its compute, and its store slots written only by its compute.
 */
final class RowPipeline {
    /** What one row does in each queue. */
    interface Body {
        void load(int row, int slot);

        void compute(int row, int slot);

        void store(int row, int slot);
    }

    private RowPipeline() {
    }

    static void run(Emitter e, int rows, Body body) {
        for (int i = 0; i < rows; i++) {
            int slot = i & 1;
            if (i >= 2) {
                e.waitFor(IssueQueue.LOAD, IssueQueue.COMPUTE);
            }
            body.load(i, slot);
            e.signal(IssueQueue.LOAD, IssueQueue.COMPUTE);
            e.waitFor(IssueQueue.COMPUTE, IssueQueue.LOAD);
            if (i >= 2) {
                e.waitFor(IssueQueue.COMPUTE, IssueQueue.STORE);
            }
            body.compute(i, slot);
            e.signal(IssueQueue.COMPUTE, IssueQueue.LOAD);
            e.signal(IssueQueue.COMPUTE, IssueQueue.STORE);
            e.waitFor(IssueQueue.STORE, IssueQueue.COMPUTE);
            body.store(i, slot);
            e.signal(IssueQueue.STORE, IssueQueue.COMPUTE);
        }
        e.barrier();
    }
}
