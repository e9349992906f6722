package sohu.verify.soc;

import java.util.LinkedHashMap;
import java.util.Map;
import sohu.core.compile.HbmImage;
import sohu.core.isa.Bits128;
import sohu.core.isa.Program;
import sohu.core.soc.rtl.ControlSlave;
import sohu.core.soc.rtl.SohuCore;
import sohu.verilator.Agent;
import sohu.verilator.CircuitSim;
import sohu.verilator.Sim;
import sohu.verilator.Testbench;
import sohu.verilator.axi.AxiLiteMaster;
import sohu.verilator.axi.AxiMonitor;
import sohu.verilator.axi.HbmConfig;
import sohu.verilator.axi.HbmModel;
import sohu.verilator.axi.SparseMemory;

/**
 * A whole {@link SohuCore} in Verilator, as a host sees it: its AXI4 master on an {@link HbmModel}
 * (checked by an {@link AxiMonitor}), its control slave driven by an {@link AxiLiteMaster}. A run
 * puts the program in HBM, writes PROG_ADDR, PROG_COUNT and CTRL, waits until the core is done
 * (or stops: deadlock, a refused instruction, a fetch error), reads STATUS and every counter
 * through the control slave, and copies HBM back into the image.
 */
public final class SohuCoreHarness implements AutoCloseable {
    /** Cycles an AXI4-Lite access may take before the run fails. */
    private static final long LITE_TIMEOUT = 1_000;
    /** The control registers' names in address order. */
    private static final java.util.List<String> REGISTERS = new ControlSlave.Params(SohuCore.counters()).registers().stream()
            .map(r -> r.name()).toList();

    /**
     * What a run measured.
     *
     * @param cycles   cycles from the start write to the end of the program
     * @param status   the STATUS register after the run
     * @param counters every counter register, by name ({@link SohuCore#counters()}), wide ones joined
     * @param start    per instruction (program index), the cycle its queue started it, from the start write
     * @param retire   per instruction, the cycle it retired (pushed its tokens and left its queue)
     */
    public record Run(long cycles, long status, Map<String, Long> counters, long[] start, long[] retire) {
        /** A counter by name. */
        public long counter(String name) {
            Long v = counters.get(name);
            if (v == null) {
                throw new IllegalArgumentException("no counter '" + name + "': " + counters.keySet());
            }
            return v;
        }
    }

    private final SohuCore.Params params;
    private final Sim sim;
    private final Testbench tb;
    private final SparseMemory memory = new SparseMemory();
    private final HbmModel hbm;
    private final AxiMonitor monitor;
    private final AxiLiteMaster lite = new AxiLiteMaster("s_axil");

    /** Opens the core {@code p} on an HBM of configuration {@code hbmConfig}. */
    public SohuCoreHarness(SohuCore.Params p, HbmConfig hbmConfig) {
        this.params = p;
        this.sim = CircuitSim.open(SohuCore.elaborate(p));
        this.hbm = new HbmModel(sim, "m_axi", hbmConfig, memory);
        this.monitor = new AxiMonitor(sim, "m_axi");
        this.tb = new Testbench(sim).add(lite).add(hbm).add(monitor).add(Agent.monitor(this::trace));
    }

    private static final String[] QUEUES = {"load", "compute", "store"};
    private long[] startAt = new long[0];
    private long[] retireAt = new long[0];
    private long traceBegin;
    private java.util.function.LongConsumer progress = c -> { };
    private static final long PROGRESS_EVERY = 1_000_000;

    /** Calls {@code p} with the cycles run so far every million cycles of a run (for long runs' progress). */
    public SohuCoreHarness onProgress(java.util.function.LongConsumer p) {
        progress = p;
        return this;
    }

    /** Records the start and retire cycle of every instruction (the pulses the sequencer shows per queue). */
    private void trace(Sim s, long cycle) {
        if ((cycle + 1 - traceBegin) % PROGRESS_EVERY == 0) {
            progress.accept(cycle + 1 - traceBegin);
        }
        for (String q : QUEUES) {
            if (s.peek(q + "_start") == 1) {
                mark(startAt, s.peek(q + "_start_index"), cycle);
            }
            if (s.peek(q + "_retire") == 1) {
                mark(retireAt, s.peek(q + "_retire_index"), cycle);
            }
        }
        if (s.peek("gemm_retire") == 1) {   // a GEMM retires from its own slot, beside the compute queue
            mark(retireAt, s.peek("gemm_retire_index"), cycle);
        }
    }

    private void mark(long[] at, long index, long cycle) {
        if (index >= 0 && index < at.length) {
            at[(int) index] = cycle + 1 - traceBegin;
        }
    }

    /**
     * Runs {@code program}, placed at HBM byte {@code programAddress} (beyond the image), on
     * {@code image}, which is changed in place.
     */
    public Run run(Program program, HbmImage image, long programAddress) {
        if (programAddress < image.size()) {
            throw new IllegalArgumentException("the program at 0x" + Long.toHexString(programAddress)
                    + " would overwrite the image of " + image.size() + " bytes");
        }
        memory.write(0, image.bytes());
        long a = programAddress;
        for (var insn : program.instructions()) {
            Bits128 w = insn.encode();
            for (int i = 0; i < 8; i++) {
                memory.write(a + i, (int) (w.lo() >>> (8 * i)) & 0xFF);
                memory.write(a + 8 + i, (int) (w.hi() >>> (8 * i)) & 0xFF);
            }
            a += 16;
        }
        sim.reset(2);
        writeReg("PROG_ADDR_LO", programAddress & 0xFFFF_FFFFL);
        writeReg("PROG_ADDR_HI", programAddress >>> 32);
        writeReg("PROG_COUNT", program.size());
        startAt = new long[program.size()];
        retireAt = new long[program.size()];
        java.util.Arrays.fill(startAt, -1);
        java.util.Arrays.fill(retireAt, -1);
        long begin = sim.cycle();
        traceBegin = begin;
        writeReg("CTRL", 1);
        long budget = 200_000 + program.size() * 20_000L;
        tb.runUntil(() -> sim.peek("done") == 1 || sim.peek("deadlock") == 1 || sim.peek("error") != 0
                || sim.peek("fetch_error") != 0, budget);
        long cycles = sim.cycle() - begin;
        if (sim.peek("done") != 1) {
            throw sim.failure("the core stopped after " + cycles + " cycles: deadlock " + sim.peek("deadlock") + ", error "
                    + sim.peek("error") + " at instruction " + sim.peek("error_index") + ", fetch error " + sim.peek("fetch_error"));
        }
        tb.runUntil(hbm::idle, 10_000); // the last write responses are in before done; nothing is left to land
        for (String flag : new String[] {"dma_error", "sram_error", "array_error"}) {
            if (sim.peek(flag) != 0) {
                throw sim.failure(flag + " = " + sim.peek(flag) + " after the program");
            }
        }
        long status = readReg(offset("STATUS"));
        Map<String, Long> counters = readCounters();
        byte[] back = memory.read(0, (int) image.size());
        for (int i = 0; i < back.length; i++) {
            image.write(i, 1, back[i] & 0xFF);
        }
        return new Run(cycles, status, counters, startAt, retireAt);
    }

    private void writeReg(String name, long value) {
        int off = offset(name);
        int resp = lite.write(tb, off, value, LITE_TIMEOUT);
        if (resp != 0) {
            throw sim.failure("control register " + name + " (0x" + Integer.toHexString(off) + ") answered " + resp);
        }
    }

    /** The byte offset of a control register (the map is one 32-bit register after another). */
    private static int offset(String name) {
        int i = REGISTERS.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no control register " + name);
        }
        return 4 * i;
    }

    private long readReg(int offset) {
        AxiLiteMaster.Response r = lite.read(tb, offset, LITE_TIMEOUT);
        if (r.resp() != 0) {
            throw sim.failure("control register 0x" + Integer.toHexString(offset) + " answered " + r.resp());
        }
        return r.data();
    }

    private Map<String, Long> readCounters() {
        Map<String, Long> out = new LinkedHashMap<>();
        int off = ControlSlave.COUNTER_BASE;
        for (ControlSlave.Counter c : SohuCore.counters()) {
            long v = readReg(off);
            off += 4;
            if (c.registers() == 2) {
                v |= readReg(off) << 32;
                off += 4;
            }
            out.put(c.name(), v);
        }
        return out;
    }

    /** The simulation (for peeking at outputs). */
    public Sim sim() {
        return sim;
    }

    /** The HBM model (its statistics). */
    public HbmModel hbm() {
        return hbm;
    }

    /** The protocol monitor. */
    public AxiMonitor monitor() {
        return monitor;
    }

    /** The core's parameters. */
    public SohuCore.Params params() {
        return params;
    }

    @Override
    public void close() {
        tb.close();
    }
}
