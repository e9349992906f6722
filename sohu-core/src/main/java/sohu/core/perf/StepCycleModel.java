package sohu.core.perf;

import java.util.ArrayList;
import java.util.List;
import sohu.core.array.EngineTiming;
import sohu.core.compile.CoreConfig;
import sohu.core.golden.CostModel;
import sohu.core.golden.Dispatch;
import sohu.core.golden.QueueFlight;
import sohu.core.isa.Deps;
import sohu.core.isa.Gemm;
import sohu.core.isa.Instruction;
import sohu.core.isa.IssueQueue;
import sohu.core.isa.Program;

/**
 * The step cycle model: the golden simulator's timing without its arithmetic. Each instruction
 * takes what the {@link CostModel} says on its queue; the three queues run in program order each
 * and an instruction starts when its queue has room ({@link QueueFlight}: one compute instruction
 * in flight, several DMAs) and the tokens it pops have been pushed. So it
 * gives the {@link sohu.core.golden.GoldenSimulator}'s cycles (the tests check they are equal) in
 * a fraction of its time, and splits them by cause ({@link StepLoss}).
 *
 * <p>Ready queue heads are served in the order of their start cycles, as the golden simulator
 * serves them: the load and store queues share the DMA engine's rows ({@link QueueFlight}), so
 * the order matters.
 */
public final class StepCycleModel {
    private StepCycleModel() {
    }

    /**
     * The timing of {@code program} on {@code core}, uncalibrated (the golden simulator's estimate).
     *
     * @throws IllegalStateException when a queue waits for a token that is never pushed, or tokens are left over
     */
    public static StepTiming run(Program program, CoreConfig core) {
        return run(program, core, Calibration.NONE);
    }

    /**
     * The timing of {@code program} on {@code core} with each instruction's cycles corrected by {@code cal}.
     *
     * @throws IllegalStateException when a queue waits for a token that is never pushed, or tokens are left over
     */
    public static StepTiming run(Program program, CoreConfig core, Calibration cal) {
        CostModel cost = new CostModel(core);
        List<Instruction> ins = program.instructions();
        List<List<Integer>> queues = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        int[] queueOf = new int[ins.size()];
        for (int i = 0; i < ins.size(); i++) {
            queueOf[i] = ins.get(i).queue().ordinal();
            queues.get(queueOf[i]).add(i);
        }
        // as the golden simulator: the program is fetched from HBM first, and an instruction
        // enters its queue only when the fetch has delivered it and the queue has room
        Dispatch dispatch = new Dispatch(queueOf, queues);
        long[] started = new long[ins.size()];
        // pushes[from][to]: push times; popped[from][to]: how many the receiver has taken
        LongList[][] pushes = new LongList[3][3];
        int[][] popped = new int[3][3];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                pushes[a][b] = new LongList();
            }
        }
        int[] ptr = new int[3];
        QueueFlight flight = new QueueFlight(cost, CostModel.FETCH_LATENCY);
        Split split = new Split(core);
        // as the golden simulator: the ready head that can start first goes next (the DMA queues share the engine's rows)
        while (true) {
            int best = -1;
            long bestStart = Long.MAX_VALUE;
            for (IssueQueue q : IssueQueue.values()) {
                int qi = q.ordinal();
                long start = ptr[qi] < queues.get(qi).size() ? headStart(q, queues.get(qi).get(ptr[qi]), ins, dispatch, ptr, started,
                        flight, pushes, popped) : -1;
                if (start >= 0 && start < bestStart) {
                    best = qi;
                    bestStart = start;
                }
            }
            if (best < 0) {
                break;
            }
            IssueQueue q = IssueQueue.values()[best];
            int index = queues.get(best).get(ptr[best]);
            Instruction in = ins.get(index);
            Deps deps = in.deps();
            for (IssueQueue from : IssueQueue.values()) {
                if (deps.pops(q, from)) {
                    popped[from.ordinal()][best]++;
                }
            }
            long d = cal == Calibration.NONE ? cost.cycles(in) : cal.cycles(in, cost.cycles(in));
            started[index] = bestStart;
            long before = flight.busy(q);
            long end = flight.run(q, in, bestStart, d);
            if (q == IssueQueue.COMPUTE) {
                // what a background GEMM hides is not lost: only the cycles this adds to the busy union count
                split.add(in, flight.busy(q) - before, flight.lastGemm());
            }
            for (IssueQueue to : IssueQueue.values()) {
                if (deps.pushes(q, to)) {
                    pushes[best][to.ordinal()].add(end);
                }
            }
            ptr[best]++;
        }
        for (IssueQueue q : IssueQueue.values()) {
            if (ptr[q.ordinal()] < queues.get(q.ordinal()).size()) {
                throw new IllegalStateException("deadlock: the " + q.tag() + " queue waits at "
                        + ins.get(queues.get(q.ordinal()).get(ptr[q.ordinal()])).text() + " for a token nobody pushes");
            }
        }
        for (IssueQueue a : IssueQueue.values()) {
            for (IssueQueue b : IssueQueue.values()) {
                int left = pushes[a.ordinal()][b.ordinal()].size() - popped[a.ordinal()][b.ordinal()];
                if (left > 0) {
                    throw new IllegalStateException("unbalanced tokens: " + left + " " + a.tag() + " -> " + b.tag()
                            + " token(s) pushed and never popped");
                }
            }
        }
        long cycles = Math.max(flight.last(IssueQueue.LOAD), Math.max(flight.last(IssueQueue.COMPUTE), flight.last(IssueQueue.STORE)));
        return new StepTiming(cycles, split.loss(cycles - flight.busy(IssueQueue.COMPUTE)), flight.busy(IssueQueue.LOAD),
                flight.busy(IssueQueue.STORE));
    }

    /** The cycle queue {@code q}'s head {@code index} can start, or -1 while it has not entered its queue or waits for a token. */
    private static long headStart(IssueQueue q, int index, List<Instruction> ins, Dispatch dispatch, int[] ptr, long[] started,
                                  QueueFlight flight, LongList[][] pushes, int[][] popped) {
        long entered = dispatch.enters(index, ptr, started);
        if (entered < 0) {
            return -1;
        }
        long start = Math.max(flight.free(q, ins.get(index)), entered + 1);
        int qi = q.ordinal();
        for (IssueQueue from : IssueQueue.values()) {
            int f = from.ordinal();
            if (ins.get(index).deps().pops(q, from)) {
                if (popped[f][qi] >= pushes[f][qi].size()) {
                    return -1;
                }
                start = Math.max(start, pushes[f][qi].get(popped[f][qi]));
            }
        }
        return start;
    }

    /** The compute queue's busy cycles by cause. */
    private static final class Split {
        private final CoreConfig core;
        private double useful;
        private double padding;
        private double fill;
        private double drain;
        private double weights;
        private double sums;
        private double vector;
        private double moves;
        private double scalar;

        Split(CoreConfig core) {
            this.core = core;
        }

        /** {@code added}: the cycles {@code in} adds to the compute queue's busy union; {@code gemm}: the engine's times of the last GEMM. */
        void add(Instruction in, long added, EngineTiming.Timing gemm) {
            switch (in.opcode()) {
                case GEMM -> {
                    var cfg = core.arrayConfig();
                    EngineTiming.Counters k = gemm.counters();
                    double ideal = (double) k.macs() / ((double) core.rows() * core.cols());
                    useful += ideal;
                    padding += k.padding(cfg);
                    weights += k.stallWeights();
                    sums += k.stallAcc();
                    // the rest of what it adds: its check and first load where they do not overlap the
                    // previous command's drain, then its own drain (and any calibration's extra cycles)
                    double rest = added - ideal - k.padding(cfg) - k.stallWeights() - k.stallAcc();
                    double extra = Math.max(0, added - gemm.cycles());   // a calibration's, per command
                    double visibleFill = Math.max(0, Math.min(rest, gemm.firstIssue() - gemm.accept() + extra));
                    fill += visibleFill;
                    drain += rest - visibleFill;
                }
                case VECTOR -> vector += added;
                case MOVE -> moves += added;
                default -> scalar += added;
            }
        }

        StepLoss loss(long waiting) {
            return new StepLoss(useful, padding, fill, drain, weights, sums, vector, moves, scalar, waiting);
        }
    }

    /** A growable list of longs (push times), without boxing. */
    private static final class LongList {
        private long[] a = new long[16];
        private int n;

        void add(long v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, 2 * n);
            }
            a[n++] = v;
        }

        long get(int i) {
            return a[i];
        }

        int size() {
            return n;
        }
    }
}
