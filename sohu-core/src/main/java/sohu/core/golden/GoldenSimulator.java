package sohu.core.golden;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import sohu.core.array.GemmCommand;
import sohu.core.array.GemmGolden;
import sohu.core.compile.CoreConfig;
import sohu.core.compile.HbmImage;
import sohu.core.fp.FpFormat;
import sohu.core.isa.Deps;
import sohu.core.isa.Dma;
import sohu.core.isa.Gemm;
import sohu.core.isa.Instruction;
import sohu.core.isa.Move;
import sohu.core.isa.Program;
import sohu.core.isa.IssueQueue;
import sohu.core.isa.Scalar;
import sohu.core.isa.Space;
import sohu.core.isa.Vector;
import sohu.core.xformer.RowConvert;
import sohu.core.xformer.RowReduce;
import sohu.core.xformer.VectorOp;

/**
 * The instruction-set simulator of one core: it runs a {@link Program} on an {@link HbmImage} with
 * the blocks' golden models ({@link GemmGolden} for GEMM, the vector unit's per-element operations
 * and {@link RowReduce} for VECTOR, {@link RowConvert} for the conversion to the activation
 * format), so its results are the bits the RTL must produce.
 *
 * <p>The three queues run in program order each and overlap as their tokens allow: the next
 * instruction to run is the one, among the queues' heads whose tokens are there, that can start
 * first in the {@link CostModel}'s time. A head that waits for a token nobody can push any more is
 * an error naming it (never a hang), and so is a token left over at the end. With race checking on,
 * conflicting accesses of different queues that no token orders are errors too ({@link RaceChecker}).
 * On-chip memories persist across runs of one simulator; the scalar registers too.
 */
public final class GoldenSimulator {
    private final CoreConfig core;
    private final CostModel cost;
    private final boolean checkRaces;
    private final boolean timingOnly;
    private final int[] act;
    private final int[] wgt;
    private final int[] acc;
    private final int[] vmem;
    private final int[] sregs = new int[Scalar.REGISTERS];
    private RaceChecker races;
    private HbmImage hbm;
    private int current;

    /**
     * A simulator of one core.
     *
     * @param checkRaces also check that tokens order every cross-queue conflict (slower, more memory)
     */
    public GoldenSimulator(CoreConfig core, boolean checkRaces) {
        this(core, checkRaces, false);
    }

    private GoldenSimulator(CoreConfig core, boolean checkRaces, boolean timingOnly) {
        this.core = core;
        this.cost = new CostModel(core);
        this.checkRaces = checkRaces;
        this.timingOnly = timingOnly;
        int[] none = new int[0];
        act = timingOnly ? none : new int[core.actElements()];
        wgt = timingOnly ? none : new int[core.wgtElements()];
        acc = timingOnly ? none : new int[core.accElements()];
        vmem = timingOnly ? none : new int[core.vmemElements()];
    }

    /**
     * A simulator that only schedules: no arithmetic, no memory contents, no race checks, the HBM
     * image left untouched. Programs have no data-dependent control, so its {@link SimResult} (cycles,
     * busy cycles, every instruction's start and end, token peak) equals a full run's; it is for
     * benchmarks of shapes too large to simulate bit for bit quickly.
     */
    public static GoldenSimulator timingOnly(CoreConfig core) {
        return new GoldenSimulator(core, false, true);
    }

    /** Runs the program on {@code image} (changed in place). */
    public SimResult run(Program program, HbmImage image) {
        hbm = image;
        races = checkRaces ? new RaceChecker(program) : null;
        List<Instruction> ins = program.instructions();
        List<List<Integer>> queues = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < ins.size(); i++) {
            queues.get(ins.get(i).queue().ordinal()).add(i);
        }
        int[] queueOf = new int[ins.size()];
        for (int i = 0; i < ins.size(); i++) {
            queueOf[i] = ins.get(i).queue().ordinal();
        }
        int[] ptr = new int[3];
        QueueFlight flight = new QueueFlight(cost, CostModel.FETCH_LATENCY); // the program comes from HBM first
        // tokens[from][to]: push times and the pusher's clock
        @SuppressWarnings("unchecked")
        ArrayDeque<long[]>[][] tokens = new ArrayDeque[3][3];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                tokens[a][b] = new ArrayDeque<>();
            }
        }
        long[] start = new long[ins.size()];
        long[] end = new long[ins.size()];
        Dispatch dispatch = new Dispatch(queueOf, queues);
        byte[] waited = new byte[ins.size()];
        double ideal = 0;
        int maxTokens = 0;
        while (true) {
            int best = -1;
            long bestStart = Long.MAX_VALUE;
            boolean left = false;
            for (IssueQueue q : IssueQueue.values()) {
                int qi = q.ordinal();
                if (ptr[qi] >= queues.get(qi).size()) {
                    continue;
                }
                left = true;
                int head = queues.get(qi).get(ptr[qi]);
                Instruction in = ins.get(head);
                long entered = dispatch.enters(head, ptr, start);
                long s = Math.max(flight.free(q, in), entered + 1);
                boolean ready = entered >= 0;
                for (IssueQueue from : pops(q, in.deps())) {
                    ArrayDeque<long[]> f = tokens[from.ordinal()][qi];
                    if (f.isEmpty()) {
                        ready = false;
                    } else {
                        s = Math.max(s, f.peekFirst()[0]);
                    }
                }
                if (ready && s < bestStart) {
                    best = qi;
                    bestStart = s;
                }
            }
            if (!left) {
                break;
            }
            if (best < 0) {
                throw new IllegalStateException(deadlock(ins, queues, ptr, tokens, dispatch, start));
            }
            IssueQueue q = IssueQueue.values()[best];
            int index = queues.get(best).get(ptr[best]++);
            Instruction in = ins.get(index);
            waited[index] = -1;
            for (IssueQueue from : pops(q, in.deps())) {
                long[] tok = tokens[from.ordinal()][best].pollFirst();
                if (tok[0] > flight.free(q, in) && tok[0] == bestStart) {
                    waited[index] = (byte) from.ordinal();
                }
                if (races != null) {
                    races.merge(q, java.util.Arrays.copyOfRange(tok, 1, 4));
                }
            }
            current = index;
            ideal += timingOnly ? idealCycles(in) : execute(in);
            long d = cost.cycles(in);
            start[index] = bestStart;
            end[index] = flight.run(q, in, bestStart, d);
            if (races != null) {
                races.finished(q, index);
            }
            for (IssueQueue to : pushes(q, in.deps())) {
                long[] tok = new long[4];
                tok[0] = end[index];
                if (races != null) {
                    System.arraycopy(races.snapshot(q), 0, tok, 1, 3);
                }
                tokens[best][to.ordinal()].addLast(tok);
                maxTokens = Math.max(maxTokens, tokens[best][to.ordinal()].size());
            }
        }
        for (IssueQueue a : IssueQueue.values()) {
            for (IssueQueue b : IssueQueue.values()) {
                int n = tokens[a.ordinal()][b.ordinal()].size();
                if (n > 0) {
                    throw new IllegalStateException("unbalanced tokens: " + n + " " + a.tag() + " -> " + b.tag()
                            + " token(s) pushed and never popped by the end of the program");
                }
            }
        }
        long cycles = Math.max(flight.last(IssueQueue.LOAD), Math.max(flight.last(IssueQueue.COMPUTE), flight.last(IssueQueue.STORE)));
        long[] busy = new long[3];
        for (IssueQueue q : IssueQueue.values()) {
            busy[q.ordinal()] = flight.busy(q);
        }
        return new SimResult(cycles, Math.round(ideal), busy, start, end, waited, maxTokens);
    }

    private static List<IssueQueue> pops(IssueQueue q, Deps d) {
        List<IssueQueue> l = new ArrayList<>(2);
        if (d.popPrev()) {
            l.add(q.prev());
        }
        if (d.popNext()) {
            l.add(q.next());
        }
        return l;
    }

    private static List<IssueQueue> pushes(IssueQueue q, Deps d) {
        List<IssueQueue> l = new ArrayList<>(2);
        if (d.pushPrev()) {
            l.add(q.prev());
        }
        if (d.pushNext()) {
            l.add(q.next());
        }
        return l;
    }

    /**
     * The deadlock report: each queue's head that has entered its queue and waits for a token no
     * instruction before it pushes (a head still outside its queue waits only for room ahead).
     */
    private static String deadlock(List<Instruction> ins, List<List<Integer>> queues, int[] ptr,
                                   ArrayDeque<long[]>[][] tokens, Dispatch dispatch, long[] start) {
        StringBuilder sb = new StringBuilder("deadlock: no queue can go on");
        for (IssueQueue q : IssueQueue.values()) {
            int qi = q.ordinal();
            if (ptr[qi] >= queues.get(qi).size()) {
                continue;
            }
            int i = queues.get(qi).get(ptr[qi]);
            if (dispatch.enters(i, ptr, start) < 0) {
                continue;
            }
            StringBuilder missing = new StringBuilder();
            for (IssueQueue from : pops(q, ins.get(i).deps())) {
                if (tokens[from.ordinal()][qi].isEmpty()) {
                    missing.append(" a ").append(from.tag()).append(" -> ").append(q.tag()).append(" token");
                }
            }
            if (missing.length() > 0) {
                sb.append("; instruction ").append(i).append(" (").append(ins.get(i).text()).append(") in the ")
                        .append(q.tag()).append(" queue waits for").append(missing).append(" that no instruction before it pushes");
            }
        }
        return sb.toString();
    }

    /** The ideal array cycles of an instruction: {@code M·K·N / (R·C)} for a GEMM, else 0. */
    private double idealCycles(Instruction in) {
        if (in instanceof Gemm g) {
            GemmCommand c = g.cmd();
            return (double) c.m() * c.k() * c.n() / ((double) core.rows() * core.cols());
        }
        return 0;
    }

    /** Runs one instruction; returns its ideal array cycles. */
    private double execute(Instruction in) {
        switch (in.opcode()) {
            case LOAD, STORE -> dma((Dma) in);
            case GEMM -> {
                return gemm(((Gemm) in).cmd());
            }
            case VECTOR -> vector((Vector) in);
            case MOVE -> move((Move) in);
            case SCALAR -> {
                Scalar s = (Scalar) in;
                sregs[s.dst()] = s.fn().apply(sregs[s.a()], sregs[s.b()], sregs[s.c()], sregs[s.s()], sregs[s.s2()],
                        sregs[s.s3()], s.imm());
            }
            default -> { }
        }
        return 0;
    }

    private int[] memory(Space s) {
        return switch (s) {
            case ACT -> act;
            case WGT -> wgt;
            case ACC -> acc;
            case VMEM -> vmem;
        };
    }

    private String where() {
        return "instruction " + current;
    }

    /** Checks and records an on-chip access of {@code n} elements from {@code from}. */
    private void touch(Space s, long from, int n, boolean write) {
        int size = memory(s).length;
        if (from < 0 || from + n > size) {
            throw new IllegalStateException(where() + " " + (write ? "writes" : "reads") + " " + s.tag() + " elements "
                    + from + ".." + (from + n - 1) + ", beyond its " + size + " elements");
        }
        if (races != null) {
            races.access(s.tag(), size, from, n, write, current);
        }
    }

    private void touchHbm(long addr, int bytes, boolean write) {
        if (addr < 0 || addr + bytes > hbm.size()) {
            throw new IllegalStateException(where() + " " + (write ? "writes" : "reads") + " HBM bytes 0x"
                    + Long.toHexString(addr) + "+" + bytes + ", outside the image (0x" + Long.toHexString(hbm.size()) + ")");
        }
        if (races != null) {
            races.access("hbm", (int) hbm.size(), addr, bytes, write, current);
        }
    }

    private void dma(Dma d) {
        int[] mem = memory(d.space());
        int eb = d.space().elementBytes(core.format());
        for (int r = 0; r < d.rows(); r++) {
            long h = d.hbm() + (long) r * d.hbmStride();
            long e = d.sram() + (long) r * d.sramStride();
            touch(d.space(), e, d.elems(), !d.store());
            touchHbm(h, d.elems() * eb, d.store());
            for (int i = 0; i < d.elems(); i++) {
                if (d.store()) {
                    hbm.write(h + (long) i * eb, eb, mem[(int) e + i]);
                } else {
                    mem[(int) e + i] = hbm.read(h + (long) i * eb, eb);
                }
            }
        }
    }

    private double gemm(GemmCommand c) {
        int r = core.rows();
        int cols = core.cols();
        if (c.m() == 0 || c.k() == 0 || c.n() == 0 || c.aStride() < c.kTiles(core.arrayConfig())
                || c.wStride() < c.nTiles(core.arrayConfig()) || c.cStride() < c.nTiles(core.arrayConfig())) {
            throw new IllegalStateException(where() + ": GEMM with a zero size or strides that overlap rows: " + c);
        }
        int[][] a = new int[c.m()][c.k()];
        int[][] w = new int[c.k()][c.n()];
        int[][] old = c.accumulate() ? new int[c.m()][c.n()] : null;
        for (int m = 0; m < c.m(); m++) {
            touch(Space.ACT, (long) (c.aBase() + m * c.aStride()) * r, c.kTiles(core.arrayConfig()) * r, false);
            for (int k = 0; k < c.k(); k++) {
                a[m][k] = act[(c.aBase() + m * c.aStride() + k / r) * r + k % r];
            }
        }
        for (int k = 0; k < c.k(); k++) {
            touch(Space.WGT, (long) (c.wBase() + k * c.wStride()) * cols, c.nTiles(core.arrayConfig()) * cols, false);
            for (int n = 0; n < c.n(); n++) {
                w[k][n] = wgt[(c.wBase() + k * c.wStride() + n / cols) * cols + n % cols];
            }
        }
        for (int m = 0; m < c.m(); m++) {
            touch(Space.ACC, (long) (c.cBase() + m * c.cStride()) * cols, c.nTiles(core.arrayConfig()) * cols, true);
            if (old != null) {
                for (int n = 0; n < c.n(); n++) {
                    old[m][n] = acc[(c.cBase() + m * c.cStride() + n / cols) * cols + n % cols];
                }
            }
        }
        int[][] out = GemmGolden.gemm(core.format(), r, a, w, old);
        for (int m = 0; m < c.m(); m++) {
            for (int n = 0; n < c.n(); n++) {
                acc[(c.cBase() + m * c.cStride() + n / cols) * cols + n % cols] = out[m][n];
            }
        }
        return (double) c.m() * c.k() * c.n() / ((double) r * cols);
    }

    private void vector(Vector v) {
        int l = core.lanes();
        int words = (v.length() + l - 1) / l;
        int s = sregs[v.sS()];
        int s2 = sregs[v.sS2()];
        int s3 = sregs[v.sS3()];
        int[] results = new int[v.length()];
        FpFormat f = core.format();
        for (int k = 0; k < words; k++) {
            int wa = v.srcA() + k * v.strideA();
            int wb = v.srcB() + k * v.strideB();
            int wc = v.srcC() + k * v.strideC();
            int wd = v.dst() + k * v.strideD();
            touch(Space.VMEM, (long) wa * l, l, false);
            if (usesB(v.op())) {
                touch(Space.VMEM, (long) wb * l, l, false);
            }
            if (usesC(v.op())) {
                touch(Space.VMEM, (long) wc * l, l, false);
            }
            int[] word = new int[l];
            for (int j = 0; j < l; j++) {
                int e = k * l + j;
                boolean masked = v.mask() && e > v.diag();
                int b = usesB(v.op()) ? vmem[wb * l + j] : 0;
                int c = usesC(v.op()) ? vmem[wc * l + j] : 0;
                word[j] = v.op().apply(vmem[wa * l + j], b, c, s, s2, s3, masked);
                if (e < v.length()) {
                    results[e] = word[j];
                }
            }
            if (v.toAct()) {
                int n = Math.min(l, v.length() - k * l);
                touch(Space.ACT, (long) wd * core.rows(), n, true);
                for (int j = 0; j < n; j++) {
                    act[wd * core.rows() + j] = f == FpFormat.FP32 ? word[j] : RowConvert.convert(word[j], f);
                }
            } else {
                touch(Space.VMEM, (long) wd * l, l, true);
                System.arraycopy(word, 0, vmem, wd * l, l);
            }
        }
        if (v.reduce() != null) {
            sregs[v.sRed()] = RowReduce.reduce(v.reduce(), results, l);
        }
    }

    /** Whether the lane operation reads row B (the unit reads all three ports; unused data is ignored). */
    static boolean usesB(VectorOp op) {
        return switch (op) {
            case ADD_ROW, MUL_ROW, NORM, SWIGLU, FMA_ROW, FMS_ROW -> true;
            default -> false;
        };
    }

    /** Whether the lane operation reads row C. */
    static boolean usesC(VectorOp op) {
        return op == VectorOp.FMA_ROW || op == VectorOp.FMS_ROW;
    }

    private void move(Move m) {
        int l = core.lanes();
        for (int r = 0; r < m.rows(); r++) {
            int src = (m.src() + r * m.srcStride()) * core.cols();
            int dst = (m.dst() + r * m.dstStride()) * l;
            touch(Space.ACC, src, m.words() * core.cols(), false);
            touch(Space.VMEM, dst, m.words() * l, true);
            System.arraycopy(acc, src, vmem, dst, m.words() * l);
        }
    }

    /** A scalar register's value (FP32 bits). */
    public int scalar(int reg) {
        return sregs[reg];
    }
}
