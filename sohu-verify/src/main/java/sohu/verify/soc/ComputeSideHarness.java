package sohu.verify.soc;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import sohu.core.compile.CoreConfig;
import sohu.core.isa.Bits128;
import sohu.core.isa.Instruction;
import sohu.core.soc.rtl.ComputeSide;
import sohu.verify.xformer.VectorUnitDriver;
import sohu.verilator.CircuitSim;
import sohu.verilator.Sim;

/**
 * Runs compute instructions on a Verilated {@link ComputeSide}, playing the sequencer (an
 * instruction offered until taken, the next one offered 0 to 2 cycles after the done, or in the
 * done's cycle) and the owners of the two element ports: an accumulator model served through
 * {@code mp_acc_*} and an activation model written through {@code mp_act_*}, each port ready in a
 * random fraction of the cycles. It checks the requester side of the port contract (a request not
 * taken is held unchanged; every bank of a request names the same word) and records every
 * {@code wr_*} write of each instruction.
 */
public final class ComputeSideHarness implements AutoCloseable {
    /**
     * One word the vector unit wrote ({@code wr_*}).
     *
     * @param act  to the activation scratchpad (else vmem)
     * @param addr the word address
     * @param mask the lanes within the length
     * @param data the lanes' values (FP32, or the activation format's bits)
     */
    public record Write(boolean act, int addr, int mask, int[] data) { }

    private final CoreConfig core;
    private final Sim sim;
    private final Random rnd;
    private double accReady;
    private double actReady;
    private final int[] acc;
    private final int[] act;
    private long[] accRead;
    private String heldAcc;
    private String heldAct;
    private boolean accOk;
    private boolean actOk;

    /**
     * Opens the compute side of {@code core}; {@code accReady} and {@code actReady} are the
     * fractions of cycles the element ports are ready.
     */
    public ComputeSideHarness(CoreConfig core, double accReady, double actReady, long seed) {
        this.core = core;
        this.rnd = new Random(seed);
        this.accReady = accReady;
        this.actReady = actReady;
        this.acc = new int[core.accElements()];
        this.act = new int[core.actElements()];
        this.sim = CircuitSim.open(ComputeSide.elaborate(core), VectorUnitDriver.OPTIONS);
        sim.reset(2);
    }

    /** From now on the element ports are ready in these fractions of the cycles. */
    public void readiness(double acc, double act) {
        accReady = acc;
        actReady = act;
    }

    /** The accumulator model (elements, FP32 bits): fill it before the MOVEs. */
    public int[] acc() {
        return acc;
    }

    /** The activation model (elements, the format's bits), as the port wrote it. */
    public int[] act() {
        return act;
    }

    /** The simulation. */
    public Sim sim() {
        return sim;
    }

    /**
     * What one instruction did.
     *
     * @param writes   the words the vector unit wrote
     * @param register the register asked for, read in the done's cycle
     * @param act      the activation model when it was done
     * @param cycles   cycles from the one it was taken in to the one its done pulsed in
     */
    public record Result(List<Write> writes, int register, int[] act, long cycles) { }

    /**
     * Runs the instructions in order, each offered until taken and the next one offered in the
     * cycle of the previous one's done or 2 to 3 cycles later; {@code check[i]} names the
     * register read (debug port) in instruction {@code i}'s done cycle.
     */
    public List<Result> run(List<? extends Instruction> ins, int[] check) {
        List<Result> out = new ArrayList<>();
        int next = 0;
        boolean offering = false;
        int gap = 0;
        long start = sim.cycle();
        long taken = start;
        List<Write> writes = new ArrayList<>();
        while (out.size() < ins.size()) {
            gap = Math.max(0, gap - 1);
            if (!offering && next == out.size() && next < ins.size() && gap == 0) {
                offer(ins.get(next++));
                offering = true;
            }
            sim.poke("issue_valid", offering ? 1 : 0);
            drive();
            boolean done = sim.peek("done") == 1;
            long took = sim.cycle() - taken; // before a back-to-back offer is taken in this cycle
            if (done) {
                gap = 1 + rnd.nextInt(3);
                if (gap == 1 && next < ins.size()) {
                    offer(ins.get(next++)); // the sequencer's back-to-back case: offered in the done's cycle
                    sim.poke("issue_valid", 1);
                    offering = true;
                }
            }
            int i = out.size();
            sim.poke("dbg_reg_addr", done ? Math.max(0, check[i]) : 0);
            sim.eval();
            if (offering && sim.peek("issue_ready") == 1) {
                offering = false;
                taken = sim.cycle();
            }
            observe(writes);
            sim.step();
            if (done) {
                out.add(new Result(writes, (int) sim.peek("dbg_reg_data"), act.clone(), took));
                writes = new ArrayList<>();
                start = sim.cycle();
            }
            if (sim.cycle() - start > 100_000) {
                throw sim.failure("no done 100000 cycles after " + ins.get(i).text());
            }
        }
        sim.poke("issue_valid", 0);
        return out;
    }

    private void offer(Instruction in) {
        Bits128 w = in.encode();
        sim.poke("issue_payload_lo", w.lo());
        sim.poke("issue_payload_hi", w.hi());
    }

    /** Drives the element ports' ready and read data for this cycle and settles. */
    private void drive() {
        accOk = rnd.nextDouble() < accReady;
        actOk = rnd.nextDouble() < actReady;
        sim.poke("mp_acc_ready", accOk ? 1 : 0);
        sim.poke("mp_act_ready", actOk ? 1 : 0);
        for (int b = 0; b < core.cols(); b++) {
            sim.poke("mp_acc_rdata_" + b, accRead == null || accRead[b] < 0 ? 0 : acc[(int) accRead[b]] & 0xFFFF_FFFFL);
        }
        sim.eval();
    }

    /** Serves this cycle's port requests and records a {@code wr_*} write. */
    private void observe(List<Write> writes) {
        accRead = null;
        long re = sim.peek("mp_acc_re");
        heldAcc = checkHeld("mp_acc", re, "addr", heldAcc, accOk, core.cols());
        if (re != 0 && accOk) {
            accRead = new long[core.cols()];
            for (int b = 0; b < core.cols(); b++) {
                accRead[b] = (re >> b & 1) == 0 ? -1 : sim.peek("mp_acc_addr_" + b) * core.cols() + b;
            }
        }
        long we = sim.peek("mp_act_we");
        heldAct = checkHeld("mp_act", we, "wdata", heldAct, actOk, core.rows());
        if (we != 0 && actOk) {
            for (int b = 0; b < core.rows(); b++) {
                if ((we >> b & 1) == 1) {
                    act[(int) sim.peek("mp_act_addr_" + b) * core.rows() + b] = (int) sim.peek("mp_act_wdata_" + b);
                }
            }
        }
        if (sim.peek("wr_valid") == 1) {
            BigInteger d = sim.peekBig("wr_data");
            int[] lanes = new int[core.lanes()];
            for (int j = 0; j < lanes.length; j++) {
                lanes[j] = d.shiftRight(32 * j).intValue();
            }
            writes.add(new Write(sim.peek("wr_act") == 1, (int) sim.peek("wr_addr"), (int) sim.peek("wr_mask"), lanes));
        }
    }

    /**
     * The port's request this cycle as text ({@code null}: none); fails when the previous one
     * was not taken and this one differs, or when its banks name different words.
     */
    private String checkHeld(String port, long enables, String data, String held, boolean ready, int banks) {
        if (enables == 0) {
            if (held != null) {
                throw sim.failure(port + ": request " + held + " withdrawn before it was taken");
            }
            return null;
        }
        StringBuilder sb = new StringBuilder("enables 0x" + Long.toHexString(enables));
        long addr = -1;
        for (int b = 0; b < banks; b++) {
            if ((enables >> b & 1) == 1) {
                long a = sim.peek(port + "_addr_" + b);
                if (addr >= 0 && a != addr) {
                    throw sim.failure(port + ": banks of one request name words " + addr + " and " + a);
                }
                addr = a;
                sb.append(' ').append(b).append('@').append(a);
                if (data.equals("wdata")) {
                    sb.append('=').append(Long.toHexString(sim.peek(port + "_wdata_" + b)));
                }
            }
        }
        String now = sb.toString();
        if (held != null && !held.equals(now)) {
            throw sim.failure(port + ": request " + held + " not taken, then changed to " + now);
        }
        return ready ? null : now;
    }

    @Override
    public void close() {
        sim.close();
    }
}
