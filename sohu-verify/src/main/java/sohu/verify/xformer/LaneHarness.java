package sohu.verify.xformer;

import java.util.SplittableRandom;
import java.util.function.IntBinaryOperator;
import sohu.hdl.ir.Circuit;
import sohu.verify.Mismatch;
import sohu.verilator.CircuitSim;
import sohu.verilator.Sim;
import sohu.verilator.SimOptions;

/**
 * Drives a lane unit (ports {@code in_valid}, {@code a}/{@code in}, optional {@code b},
 * {@code out_valid}, {@code out}) with one operation per cycle and random idle cycles, and checks
 * each result against the golden model exactly {@code latency} cycles later; no other cycle may
 * raise {@code out_valid}.
 */
final class LaneHarness implements AutoCloseable {
    static final SimOptions OPTIONS = SimOptions.defaults().withOptFast("-O1");
    private static final int RING = 64;

    private final Sim sim;
    private final int latency;
    private final IntBinaryOperator golden;
    private final Sim.Port inValid;
    private final Sim.Port a;
    private final Sim.Port b;
    private final Sim.Port outValid;
    private final Sim.Port out;
    private final SplittableRandom idle = new SplittableRandom(3);
    private final boolean[] valid = new boolean[RING];
    private final int[] ra = new int[RING];
    private final int[] rb = new int[RING];
    private boolean owned;
    private long cycle;
    private long ops;

    /**
     * @param inputA name of the first operand port
     * @param inputB name of the second operand port, or null for a unary unit
     */
    LaneHarness(Circuit circuit, int latency, String inputA, String inputB, IntBinaryOperator golden) {
        this(CircuitSim.open(circuit, OPTIONS), latency, inputA, inputB, golden);
        owned = true;
    }

    /** A harness on an open simulation (not closed by {@link #close()}, which only drains). */
    LaneHarness(Sim sim, int latency, String inputA, String inputB, IntBinaryOperator golden) {
        this.sim = sim;
        this.latency = latency;
        this.golden = golden;
        inValid = sim.port("in_valid");
        a = sim.port(inputA);
        b = inputB == null ? null : sim.port(inputB);
        outValid = sim.port("out_valid");
        out = sim.port("out");
        sim.reset(2);
    }

    /** Issues one operation (after about one idle cycle in eight). */
    void op(int x, int y) {
        while (idle.nextInt(8) == 0) {
            cycle(false, idle.nextInt(), idle.nextInt());
        }
        cycle(true, x, y);
        ops++;
    }

    /** Runs until every operation has been checked. */
    void drain() {
        for (int i = 0; i <= latency; i++) {
            cycle(false, 0, 0);
        }
    }

    long ops() {
        return ops;
    }

    private void cycle(boolean v, int x, int y) {
        int slot = (int) cycle & (RING - 1);
        valid[slot] = v;
        ra[slot] = x;
        rb[slot] = y;
        inValid.set(v ? 1 : 0);
        a.set(x & 0xFFFFFFFFL);
        if (b != null) {
            b.set(y & 0xFFFFFFFFL);
        }
        sim.step();
        long issued = cycle - latency + 1;
        int s = (int) issued & (RING - 1);
        boolean due = issued >= 0 && valid[s];
        if ((outValid.get() != 0) != due) {
            throw Mismatch.at(sim, "out_valid", due ? "1" : "0", Long.toString(outValid.get()),
                    "the operation of cycle " + issued + " was " + (due ? "valid" : "idle"), cycle - RING);
        }
        if (due) {
            int want = golden.applyAsInt(ra[s], rb[s]);
            int got = (int) out.get();
            if (got != want) {
                throw Mismatch.at(sim, "out", String.format("0x%08X (%s)", want, Float.intBitsToFloat(want)),
                        String.format("0x%08X (%s)", got, Float.intBitsToFloat(got)),
                        String.format("a=0x%08X (%s) b=0x%08X issued in cycle %d", ra[s], Float.intBitsToFloat(ra[s]), rb[s],
                                issued), cycle - RING);
            }
        }
        cycle++;
    }

    @Override
    public void close() {
        if (owned) {
            sim.close();
        }
    }
}
