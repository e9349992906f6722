package sohu.verify.soc;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import sohu.core.isa.Bits128;
import sohu.core.isa.Deps;
import sohu.core.isa.Instruction;
import sohu.core.isa.Opcode;
import sohu.core.isa.Program;
import sohu.core.isa.IssueQueue;
import sohu.core.soc.SequencerConfig;
import sohu.core.soc.rtl.Sequencer;
import sohu.verilator.Agent;
import sohu.verilator.CircuitSim;
import sohu.verilator.Sim;
import sohu.verilator.Testbench;

/**
 * Runs programs on a Verilated {@link Sequencer}: feeds the instructions on its {@code insn}
 * stream (with random gaps), plays the engines as agents that accept an issue when they have room
 * (at random: {@code dmaInFlight} on load and store; on compute the matrix engine takes a GEMM when
 * it has none in flight and reports it on {@code gemm_done}, the vector side takes one other
 * instruction at a time and reports it on {@code compute_done}, and {@code compute_issue_ready} is
 * the readiness of the engine the head goes to) and report each done after a random latency, in
 * the order they took them, and records for every instruction the cycles it started, was issued,
 * was done and retired. It checks as it goes that each issue carries the right instruction on the
 * right queue's port and that each retire port names an instruction of its kind; {@link Trace#check}
 * then checks the order of everything against the program's queues and tokens.
 */
public final class SequencerHarness implements AutoCloseable, Agent {
    /**
     * How the environment behaves.
     *
     * @param insnValid      chance per cycle that the next instruction is offered (then it stays offered)
     * @param issueReady     chance per cycle that a free engine takes an issue
     * @param minLatency     fewest cycles from issue to done (at least 1), GEMMs aside
     * @param maxLatency     most cycles from issue to done, GEMMs aside
     * @param minGemmLatency fewest cycles from a GEMM's issue to its {@code gemm_done} (at least 1)
     * @param maxGemmLatency most cycles from a GEMM's issue to its {@code gemm_done}
     */
    public record Timing(double insnValid, double issueReady, int minLatency, int maxLatency, int minGemmLatency,
                         int maxGemmLatency) {
        /** GEMMs as long as the other instructions. */
        public Timing(double insnValid, double issueReady, int minLatency, int maxLatency) {
            this(insnValid, issueReady, minLatency, maxLatency, minLatency, maxLatency);
        }
    }

    /** How a run ended. */
    public sealed interface Outcome permits Finished, Deadlocked, Refused { }

    /** Every instruction retired; the trace of the run and the sequencer's counters at its end. */
    public record Finished(Trace trace, Counters counters) implements Outcome { }

    /**
     * The sequencer's counters.
     *
     * @param cycles     {@code cnt_cycles}
     * @param busy       {@code cnt_<queue>_busy}, by queue ordinal
     * @param tokenWait  {@code cnt_<queue>_token_wait}, by queue ordinal
     */
    public record Counters(long cycles, long[] busy, long[] tokenWait) { }

    /** The sequencer raised {@code deadlock}; {@code message} names each waiting head and what it waits for. */
    public record Deadlocked(String message, int[] heads, long cycle) implements Outcome { }

    /** The sequencer refused instruction {@code index} with error {@code code}. */
    public record Refused(int code, int index) implements Outcome { }

    private static final String[] TOKENS = {"tok_lc", "tok_cl", "tok_cs", "tok_sc"};
    /** The engine agents: one per DMA queue (by its ordinal), the vector side on the compute queue's, the matrix engine. */
    private static final int MATRIX = 3;

    private final Testbench tb;
    private final Sim sim;
    private final Timing timing;
    private final Random rnd;
    private final Sim.Port insnValid;
    private final Sim.Port insnReady;
    private final Sim.Port[] issueValid = new Sim.Port[3];
    private final Sim.Port[] issueReady = new Sim.Port[3];
    private final Sim.Port computeLo;
    private final Sim.Port[] done = new Sim.Port[4];
    private final int[] inFlight = new int[4];
    // per engine agent, its instructions in flight: {index, done cycle}, reported done in order
    private final List<ArrayDeque<long[]>> engine = List.of(new ArrayDeque<>(), new ArrayDeque<>(), new ArrayDeque<>(),
            new ArrayDeque<>());
    private final int dmaInFlight;
    private Program program;
    private List<Bits128> words;
    private Trace trace;
    private int next;
    private boolean offering;
    private boolean starting;

    /** Opens the sequencer. */
    public SequencerHarness(SequencerConfig cfg, Timing timing, long seed) {
        this.timing = timing;
        this.rnd = new Random(seed);
        this.sim = CircuitSim.open(Sequencer.elaborate(cfg));
        this.dmaInFlight = cfg.dmaInFlight();
        for (IssueQueue q : IssueQueue.values()) {
            inFlight[q.ordinal()] = q == IssueQueue.COMPUTE ? 1 : cfg.dmaInFlight();
        }
        inFlight[MATRIX] = 1;
        this.tb = new Testbench(sim).add(this);
        insnValid = sim.port("insn_valid");
        insnReady = sim.port("insn_ready");
        for (IssueQueue q : IssueQueue.values()) {
            issueValid[q.ordinal()] = sim.port(q.tag() + "_issue_valid");
            issueReady[q.ordinal()] = sim.port(q.tag() + "_issue_ready");
            done[q.ordinal()] = sim.port(q.tag() + "_done");
        }
        done[MATRIX] = sim.port("gemm_done");
        computeLo = sim.port("compute_issue_payload_lo");
    }

    /** The simulation. */
    public Sim sim() {
        return sim;
    }

    /**
     * Runs one program to its end, a deadlock or a refusal. The run is bounded by a cycle count
     * far beyond what a live program needs, so a sequencer that hangs without flagging a deadlock
     * fails the test instead of hanging it.
     */
    public Outcome run(Program p) {
        return run(p, p.instructions().stream().map(Instruction::encode).toList());
    }

    /**
     * Runs {@code words} (what the sequencer is fed) as the program {@code p} (whose instructions
     * name the queues and tokens for the checks and messages), so a test can feed a corrupt word.
     */
    public Outcome run(Program p, List<Bits128> words) {
        sim.reset(2);
        this.words = words; // a fresh sequencer: the previous program may have ended in a deadlock
        program = p;
        trace = new Trace(p, new long[p.size()], new long[p.size()], new long[p.size()], new long[p.size()], new long[2],
                dmaInFlight);
        for (long[] a : new long[][] {trace.start(), trace.issue(), trace.done(), trace.retire()}) {
            Arrays.fill(a, -1);
        }
        next = 0;
        offering = false;
        starting = true;
        engine.forEach(ArrayDeque::clear);
        long begin = sim.cycle();
        long bound = 1000 + (long) p.size() * (Math.max(timing.maxLatency(), timing.maxGemmLatency()) + 20) * 4;
        tb.runUntil(() -> !starting && (sim.peek("done") == 1 || sim.peek("deadlock") == 1 || sim.peek("error") != 0), bound);
        trace.span()[0] = begin;
        trace.span()[1] = sim.cycle();
        if (sim.peek("error") != 0) {
            return new Refused((int) sim.peek("error"), (int) sim.peek("error_index"));
        }
        if (sim.peek("deadlock") == 1) {
            return deadlock();
        }
        for (String t : TOKENS) {
            if (sim.peek(t) != 0) {
                throw sim.failure("the program ended with " + sim.peek(t) + " token(s) left in " + t);
            }
        }
        long[] busy = new long[3];
        long[] wait = new long[3];
        for (IssueQueue q : IssueQueue.values()) {
            busy[q.ordinal()] = sim.peek("cnt_" + q.tag() + "_busy");
            wait[q.ordinal()] = sim.peek("cnt_" + q.tag() + "_token_wait");
        }
        return new Finished(trace, new Counters(sim.peek("cnt_cycles"), busy, wait));
    }

    private Deadlocked deadlock() {
        StringBuilder sb = new StringBuilder("deadlock at cycle " + sim.cycle());
        int[] heads = new int[3];
        Arrays.fill(heads, -1);
        for (IssueQueue q : IssueQueue.values()) {
            if (sim.peek(q.tag() + "_head_valid") == 0) {
                continue;
            }
            int i = (int) sim.peek(q.tag() + "_head_index");
            heads[q.ordinal()] = i;
            Instruction in = program.instructions().get(i);
            sb.append("; instruction ").append(i).append(" (").append(in.text()).append(") in the ").append(q.tag())
                    .append(" queue waits for");
            Deps d = in.deps();
            if (d.popPrev() && sim.peek(token(q.prev(), q)) == 0) {
                sb.append(" a ").append(q.prev().tag()).append(" -> ").append(q.tag()).append(" token");
            }
            if (d.popNext() && sim.peek(token(q.next(), q)) == 0) {
                sb.append(" a ").append(q.next().tag()).append(" -> ").append(q.tag()).append(" token");
            }
        }
        return new Deadlocked(sb.toString(), heads, sim.cycle());
    }

    /** The counter port of tokens from {@code from} to {@code to}. */
    static String token(IssueQueue from, IssueQueue to) {
        return "tok_" + from.tag().charAt(0) + to.tag().charAt(0);
    }

    @Override
    public void onCycle(Sim s, long cycle) {
        s.poke("start", starting ? 1 : 0);
        s.poke("count", program.size());
        if (!offering && next < program.size() && !starting && rnd.nextDouble() < timing.insnValid()) {
            offering = true;
            Bits128 b = words.get(next);
            s.poke("insn_payload_lo", b.lo());
            s.poke("insn_payload_hi", b.hi());
        }
        insnValid.set(offering ? 1 : 0);
        int[] doneNow = new int[4];
        boolean[] ready = new boolean[4];
        for (int a = 0; a < 4; a++) {
            ArrayDeque<long[]> e = engine.get(a);
            doneNow[a] = !e.isEmpty() && e.peek()[1] == cycle ? (int) e.poll()[0] : -1;
            done[a].set(doneNow[a] >= 0 ? 1 : 0);
            ready[a] = e.size() < inFlight[a] && rnd.nextDouble() < timing.issueReady();
        }
        for (int q = 0; q < 3; q++) {
            issueReady[q].set(ready[q] ? 1 : 0);
        }
        // compute_issue_ready is the readiness of the engine the offered instruction goes to, as the core drives it
        s.eval();
        int compute = IssueQueue.COMPUTE.ordinal();
        issueReady[compute].set(ready[isGemm(computeLo.get()) ? MATRIX : compute] ? 1 : 0);
        s.eval();
        if (offering && insnReady.get() == 1) {
            offering = false;
            next++;
        }
        for (IssueQueue q : IssueQueue.values()) {
            int qi = q.ordinal();
            String t = q.tag();
            if (doneNow[qi] >= 0) {
                trace.done()[doneNow[qi]] = cycle;
            }
            if (q == IssueQueue.COMPUTE && doneNow[MATRIX] >= 0) {
                trace.done()[doneNow[MATRIX]] = cycle;
            }
            if (s.peek(t + "_start") == 1) {
                int i = index(s, t + "_start_index");
                Instruction in = program.instructions().get(i);
                if (in.queue() != q || trace.start()[i] >= 0) {
                    throw s.failure("instruction " + i + " (" + in.text() + ") started " + (trace.start()[i] >= 0 ? "again" : "")
                            + " in the " + t + " queue");
                }
                trace.start()[i] = cycle;
            }
            if (issueValid[qi].get() == 1 && issueReady[qi].get() == 1) {
                issued(s, q, cycle);
            }
            retired(s, t, false, cycle);
            if (q == IssueQueue.COMPUTE) {
                retired(s, "gemm", true, cycle);
            }
        }
        starting = false;
    }

    /** Records the retire {@code <port>_retire} reports, which names a GEMM exactly when {@code gemm}. */
    private void retired(Sim s, String port, boolean gemm, long cycle) {
        if (s.peek(port + "_retire") == 0) {
            return;
        }
        int i = index(s, port + "_retire_index");
        Instruction in = program.instructions().get(i);
        if (trace.retire()[i] >= 0) {
            throw s.failure("instruction " + i + " retired twice");
        }
        if ((in.opcode() == Opcode.GEMM) != gemm) {
            throw s.failure(port + "_retire names instruction " + i + " (" + in.text() + ")");
        }
        trace.retire()[i] = cycle;
    }

    private static boolean isGemm(long lo) {
        return (lo & 0xF) == Opcode.GEMM.ordinal();
    }

    private void issued(Sim s, IssueQueue q, long cycle) {
        String t = q.tag();
        int i = index(s, t + "_issue_payload_index");
        Instruction in = program.instructions().get(i);
        Bits128 b = words.get(i);
        if (in.queue() != q || in.opcode() == Opcode.SYNC || s.peek(t + "_issue_payload_lo") != b.lo()
                || s.peek(t + "_issue_payload_hi") != b.hi()) {
            throw s.failure("the " + t + " issue port carries index " + i + " with word "
                    + String.format("%016x%016x", s.peek(t + "_issue_payload_hi"), s.peek(t + "_issue_payload_lo"))
                    + ", but instruction " + i + " is " + b.hex() + " (" + in.text() + ") of the " + in.queue().tag() + " queue");
        }
        trace.issue()[i] = cycle;
        // done after its latency, but never before (or with) the one taken before it: the engine completes in order
        boolean gemm = in.opcode() == Opcode.GEMM;
        ArrayDeque<long[]> e = engine.get(gemm ? MATRIX : q.ordinal());
        int min = gemm ? timing.minGemmLatency() : timing.minLatency();
        int max = gemm ? timing.maxGemmLatency() : timing.maxLatency();
        long at = cycle + min + rnd.nextInt(max - min + 1);
        e.add(new long[] {i, e.isEmpty() ? at : Math.max(at, e.peekLast()[1] + 1)});
    }

    private int index(Sim s, String port) {
        long i = s.peek(port);
        if (i < 0 || i >= program.size()) {
            throw s.failure(port + " = " + i + " is not an instruction of the " + program.size() + "-instruction program");
        }
        return (int) i;
    }

    @Override
    public void close() {
        tb.close();
    }
}
