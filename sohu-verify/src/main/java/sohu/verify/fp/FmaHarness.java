package sohu.verify.fp;

import java.util.SplittableRandom;
import sohu.core.fp.FpFma;
import sohu.core.fp.FpFormat;
import sohu.core.fp.rtl.FmaStage;
import sohu.core.fp.rtl.FmaTop;
import sohu.hdl.Elaborator;
import sohu.verify.Mismatch;
import sohu.verify.WaveWindow;
import sohu.verilator.CircuitSim;
import sohu.verilator.Sim;
import sohu.verilator.SimOptions;

/**
 * Drives FMA tiles with one operation per cycle, with random idle cycles (in_valid low, random
 * operands) in between, and checks each tile's output against
 * {@link FpFma#fma(FpFormat, int, int, int)} exactly when that operation is due: the operation
 * entering at cycle t must leave a tile of latency L with out_valid at cycle t + L, and no other
 * cycle may raise out_valid. Runs either an {@link FmaSweep} (every latency at once) or a single
 * {@link FmaTop}.
 */
public final class FmaHarness implements AutoCloseable {
    /** Simulation build options shared by the fp checks (-O1: the best build-plus-run time here). */
    public static final SimOptions OPTIONS = SimOptions.defaults().withOptFast("-O1");

    private static final int RING = 8; // a power of two above the largest latency
    private static final int MAX_L = FmaStage.MAX_LATENCY;
    /** Cycles of waveform kept before a mismatch when a failure is replayed. */
    private static final int WINDOW = 64;

    private final FpFormat format;
    private final Sim sim;
    private final Sim.Port inValid;
    private final Sim.Port a;
    private final Sim.Port b;
    private final Sim.Port c;
    private final int[] latencies;
    private final Sim.Port[] outValid;
    private final Sim.Port[] out;
    private final boolean[] valid = new boolean[RING];
    private final int[] ra = new int[RING];
    private final int[] rb = new int[RING];
    private final int[] rc = new int[RING];
    private final int[] expected = new int[RING];
    private final SplittableRandom idle;
    private final int idleOneIn;
    private final int inputMask;
    private final WaveWindow window;
    private long cycle;
    private long ops;

    private FmaHarness(Sim sim, FpFormat format, int[] latencies, long seed, int idleOneIn, WaveWindow window) {
        this.sim = sim;
        this.window = window;
        this.format = format;
        this.latencies = latencies;
        this.idle = new SplittableRandom(seed);
        this.idleOneIn = idleOneIn;
        this.inputMask = (int) ((1L << format.width()) - 1);
        inValid = sim.port("in_valid");
        a = sim.port("a");
        b = sim.port("b");
        c = sim.port("c");
        outValid = new Sim.Port[latencies.length];
        out = new Sim.Port[latencies.length];
        boolean single = latencies.length == 1;
        for (int i = 0; i < latencies.length; i++) {
            outValid[i] = sim.port(single ? "out_valid" : "out_valid_" + latencies[i]);
            out[i] = sim.port(single ? "out" : "out_" + latencies[i]);
        }
        sim.reset(2);
    }

    /** Opens an {@link FmaSweep} of a format (latencies 1..4); one cycle in eight is idle. */
    public static FmaHarness open(FpFormat format, long seed) {
        Sim sim = CircuitSim.open(Elaborator.elaborate(FmaSweep.class, new FmaSweep.Params(format)), OPTIONS);
        int[] all = new int[MAX_L];
        for (int l = 1; l <= MAX_L; l++) {
            all[l - 1] = l;
        }
        return new FmaHarness(sim, format, all, seed, 8, WaveWindow.NONE);
    }

    /** Opens the standalone {@link FmaTop} of a format and latency; about one cycle in {@code idleOneIn} is idle. */
    public static FmaHarness openTop(FpFormat format, int latency, long seed, int idleOneIn) {
        Sim sim = CircuitSim.open(FmaTop.elaborate(format, latency), OPTIONS);
        return new FmaHarness(sim, format, new int[] {latency}, seed, idleOneIn, WaveWindow.NONE);
    }

    /**
     * Drives an open simulation of {@link FmaTop} (ports {@code in_valid, a, b, c, out_valid, out})
     * whose tile is expected to have {@code latency}; the harness owns and closes {@code sim}.
     */
    public static FmaHarness onTop(Sim sim, FpFormat format, int latency, long seed, int idleOneIn, WaveWindow window) {
        return new FmaHarness(sim, format, new int[] {latency}, seed, idleOneIn, window);
    }

    /** Issues {@code a × b + c} (after any idle cycles) and checks whatever is due. */
    public void op(int x, int y, int z) {
        while (idle.nextInt(idleOneIn) == 0) {
            long r = idle.nextLong();
            cycle(false, (int) r & inputMask, (int) (r >>> 16) & inputMask, (int) (r >>> 32), 0);
        }
        cycle(true, x, y, z, FpFma.fma(format, x, y, z));
        ops++;
    }

    /** Runs idle cycles until every issued operation has been checked. */
    public void drain() {
        for (int i = 0; i < MAX_L; i++) {
            cycle(false, 0, 0, 0, 0);
        }
    }

    /** Operations checked so far (each at every latency). */
    public long ops() {
        return ops;
    }

    /** Clock cycles run so far, idle ones included. */
    public long cycles() {
        return cycle;
    }

    private void cycle(boolean v, int x, int y, int z, int want) {
        int slot = (int) cycle & (RING - 1);
        valid[slot] = v;
        ra[slot] = x;
        rb[slot] = y;
        rc[slot] = z;
        expected[slot] = want;
        inValid.set(v ? 1 : 0);
        a.set(x & 0xFFFFFFFFL);
        b.set(y & 0xFFFFFFFFL);
        c.set(z & 0xFFFFFFFFL);
        window.beforeStep(sim);
        sim.step();
        for (int i = 0; i < latencies.length; i++) {
            int l = latencies[i];
            // After the edge that ends cycle t, tile L shows the operation of cycle t - L + 1.
            long issued = cycle - l + 1;
            int s = (int) issued & (RING - 1);
            boolean due = issued >= 0 && valid[s];
            if ((outValid[i].get() != 0) != due) {
                throw Mismatch.at(sim, outValid[i].name(), due ? "1" : "0", Long.toString(outValid[i].get()),
                        format + " latency " + l + ", the operation of cycle " + issued + " was " + (due ? "valid" : "idle"),
                        cycle - WINDOW);
            }
            if (due) {
                int got = (int) out[i].get();
                if (got != expected[s]) {
                    throw Mismatch.at(sim, out[i].name(), String.format("0x%08X", expected[s]), String.format("0x%08X", got),
                            String.format("%s latency %d: a=0x%X b=0x%X c=0x%08X issued in cycle %d", format, l, ra[s], rb[s],
                                    rc[s], issued), cycle - WINDOW);
                }
            }
        }
        cycle++;
    }

    @Override
    public void close() {
        sim.close();
    }
}
