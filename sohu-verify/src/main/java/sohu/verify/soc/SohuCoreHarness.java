package sohu.verify.soc;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import sohu.core.compile.CoreConfig;
import sohu.core.compile.HbmImage;
import sohu.core.isa.Bits128;
import sohu.core.isa.Program;
import sohu.core.isa.Space;
import sohu.core.mem.DmaDescriptor;
import sohu.core.soc.SequencerConfig;
import sohu.core.soc.rtl.SohuCore;
import sohu.verilator.Agent;
import sohu.verilator.CircuitSim;
import sohu.verilator.Sim;
import sohu.verilator.Testbench;

/**
 * Runs a program on a Verilated {@link SohuCore} against an {@link HbmImage}: feeds the program on
 * {@code insn} and plays the DMA engine. Each descriptor, after a random delay, raises
 * {@code host_hold}, waits until the matrix engine is idle, then moves whole scratchpad words
 * through the engine's host port (one word a cycle; loads into act, wgt and acc, stores from acc,
 * the only memories that port reaches) and sends its completion. A transfer that is not whole
 * words, or touches a memory the port cannot reach, fails the run with the descriptor.
 */
public final class SohuCoreHarness implements AutoCloseable, Agent {
    /** One host-port access: a word written from HBM or read to HBM. */
    private record Access(boolean write, int sel, int word, long hbm, int eb) { }

    private final CoreConfig core;
    private final Testbench tb;
    private final Sim sim;
    private final Random rnd;
    private final int maxDelay;
    private final Deque<Access> accesses = new ArrayDeque<>();
    private HbmImage hbm;
    private List<Bits128> words;
    private int next;
    private boolean offering;
    private boolean starting;
    private int tag = -1;
    private int delay;
    private boolean holding;
    private boolean idleSeen;
    private Access reading;
    private boolean statusDue;
    private long descriptors;

    /** Opens the core. */
    public SohuCoreHarness(CoreConfig core, SequencerConfig seq, int maxDelay, long seed) {
        this.core = core;
        this.rnd = new Random(seed);
        this.maxDelay = maxDelay;
        this.sim = CircuitSim.open(SohuCore.elaborate(new SohuCore.Params(core, seq)));
        this.tb = new Testbench(sim).add(this);
    }

    /** Runs {@code p} on {@code image} (changed in place); returns the cycles it took. */
    public long run(Program p, HbmImage image) {
        sim.reset(2);
        hbm = image;
        words = p.instructions().stream().map(i -> i.encode()).toList();
        next = 0;
        offering = false;
        starting = true;
        tag = -1;
        accesses.clear();
        long begin = sim.cycle();
        tb.runUntil(() -> !starting && (sim.peek("done") == 1 || sim.peek("deadlock") == 1 || sim.peek("error") != 0),
                100_000 + p.size() * 10_000L);
        if (sim.peek("done") != 1) {
            throw sim.failure("the core stopped: deadlock " + sim.peek("deadlock") + ", error " + sim.peek("error")
                    + " at instruction " + sim.peek("error_index"));
        }
        for (String flag : new String[] {"unsupported", "dma_error", "array_error"}) {
            if (sim.peek(flag) != 0) {
                throw sim.failure(flag + " = " + sim.peek(flag) + " after the program");
            }
        }
        return sim.cycle() - begin;
    }

    /** Descriptors served so far. */
    public long descriptors() {
        return descriptors;
    }

    /** The simulation. */
    public Sim sim() {
        return sim;
    }

    @Override
    public void onCycle(Sim s, long cycle) {
        s.poke("start", starting ? 1 : 0);
        s.poke("count", words.size());
        if (!offering && next < words.size() && !starting) {
            offering = true;
            s.poke("insn_payload_lo", words.get(next).lo());
            s.poke("insn_payload_hi", words.get(next).hi());
        }
        s.poke("insn_valid", offering ? 1 : 0);
        s.poke("host_we", 0);
        s.poke("host_re", 0);
        s.poke("dma_status_valid", 0);
        boolean descReady = tag < 0;
        s.poke("dma_desc_ready", descReady ? 1 : 0);
        if (statusDue) {
            s.poke("dma_status_valid", 1);
            s.poke("dma_status_payload_tag", tag);
            s.poke("dma_status_payload_code", 0);
            statusDue = false;
            holding = false;
            tag = -1;
        } else if (tag >= 0 && delay > 0) {
            delay--;
        } else if (tag >= 0 && idleSeen && reading == null) {
            Access a = accesses.pollFirst();
            if (a == null) {
                statusDue = true;
            } else {
                s.poke("host_sel", a.sel());
                s.poke("host_addr", a.word());
                if (a.write()) {
                    s.poke("host_we", 1);
                    int banks = banks(a.sel());
                    for (int i = 0; i < banks; i++) {
                        s.poke("host_wdata_" + i, hbm.read(a.hbm() + (long) i * a.eb(), a.eb()) & 0xFFFF_FFFFL);
                    }
                } else {
                    s.poke("host_re", 1);
                    reading = a;
                }
            }
        } else if (tag >= 0) {
            holding = true;
        }
        s.poke("host_hold", holding ? 1 : 0);
        s.eval();
        if (offering && s.peek("insn_ready") == 1) {
            offering = false;
            next++;
        }
        if (holding && !idleSeen && s.peek("array_busy_now") == 0) {
            idleSeen = true; // held and idle: no GEMM can start from the next cycle on
        }
        if (descReady && s.peek("dma_desc_valid") == 1) {
            accept(s);
        }
        starting = false;
    }

    @Override
    public void monitor(Sim s, long cycle) {
        if (reading != null) {
            for (int i = 0; i < banks(reading.sel()); i++) {
                hbm.write(reading.hbm() + (long) i * reading.eb(), reading.eb(), (int) s.peek("host_rdata_" + i));
            }
            reading = null;
        }
    }

    private int banks(int sel) {
        return sel == 0 ? core.rows() : core.cols();
    }

    private void accept(Sim s) {
        DmaDescriptor d = new DmaDescriptor((int) s.peek("dma_desc_payload_tag"),
                DmaDescriptor.Direction.values()[(int) s.peek("dma_desc_payload_direction")],
                s.peek("dma_desc_payload_src"), s.peek("dma_desc_payload_dst"), (int) s.peek("dma_desc_payload_rows"),
                (int) s.peek("dma_desc_payload_bytesPerRow"), s.peek("dma_desc_payload_srcStride"),
                s.peek("dma_desc_payload_dstStride"));
        boolean load = d.direction() == DmaDescriptor.Direction.HBM_TO_SRAM;
        long sram = load ? d.dst() : d.src();
        long sramStride = load ? d.dstStride() : d.srcStride();
        Space space = Space.values()[(int) (sram >>> SohuCore.SPACE_LSB)];
        long off = sram & ((1L << SohuCore.SPACE_LSB) - 1);
        int eb = space.elementBytes(core.format());
        int sel = space.ordinal();
        if (space == Space.VMEM || (!load && space != Space.ACC)) {
            throw s.failure("descriptor " + d + ": the host port cannot " + (load ? "write " : "read ") + space.tag());
        }
        int banks = banks(sel);
        for (int r = 0; r < d.rows(); r++) {
            long e = (off + r * sramStride) / eb;
            long h = (load ? d.src() : d.dst()) + r * (load ? d.srcStride() : d.dstStride());
            if (e % banks != 0 || d.bytesPerRow() % (banks * eb) != 0) {
                throw s.failure("descriptor " + d + ": row " + r + " is not whole " + banks + "-element words");
            }
            for (int w = 0; w < d.bytesPerRow() / (banks * eb); w++) {
                accesses.addLast(new Access(load, sel, (int) (e / banks) + w, h + (long) w * banks * eb, eb));
            }
        }
        tag = d.tag();
        delay = rnd.nextInt(maxDelay + 1);
        idleSeen = false;
        descriptors++;
    }

    @Override
    public void close() {
        tb.close();
    }
}
