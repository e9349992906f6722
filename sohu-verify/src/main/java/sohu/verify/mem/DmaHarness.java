package sohu.verify.mem;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import sohu.core.mem.DmaDescriptor;
import sohu.core.mem.DmaGolden;
import sohu.core.mem.DmaStatus;
import sohu.core.mem.rtl.DmaConfig;
import sohu.core.mem.rtl.DmaEngine;
import sohu.hdl.Elaborator;
import sohu.verilator.Agent;
import sohu.verilator.CircuitSim;
import sohu.verilator.Sim;
import sohu.verilator.Testbench;
import sohu.verilator.axi.AxiMonitor;
import sohu.verilator.axi.HbmConfig;
import sohu.verilator.axi.HbmModel;
import sohu.verilator.axi.SparseMemory;

/**
 * A {@link DmaEngine} in Verilator with its world: an {@link HbmModel} and an {@link AxiMonitor}
 * on {@code m_axi}, an {@link SramModel} on {@code sram_*}, a descriptor queue feeding
 * {@code desc_*} and a collector of {@code done_*} completions (not ready with probability
 * {@code doneStall}).
 */
public final class DmaHarness implements AutoCloseable {
    /** SRAM port behaviour. */
    public record SramBehaviour(int latency, double stall, double doneStall) {
        /** Two cycles, no stalls. */
        public static SramBehaviour plain() {
            return new SramBehaviour(2, 0, 0);
        }
    }

    private final DmaConfig cfg;
    private final Testbench tb;
    private final SparseMemory hbm = new SparseMemory();
    private final SparseMemory sram = new SparseMemory();
    private final HbmModel hbmModel;
    private final AxiMonitor monitor;
    private final ArrayDeque<DmaDescriptor> pending = new ArrayDeque<>();
    private final List<DmaStatus> completions = new ArrayList<>();
    private long firstAccepted = -1;
    private long lastCompleted = -1;

    /** Opens the engine (built once per configuration, then cached) and its agents. */
    public DmaHarness(DmaConfig cfg, HbmConfig hbmCfg, SramBehaviour sb) {
        this(cfg, CircuitSim.open(Elaborator.elaborate(DmaEngine.class, cfg)), hbmCfg, sb);
    }

    /** The agents around an open simulation of {@code DmaEngine(cfg)}; closing the harness closes it. */
    public DmaHarness(DmaConfig cfg, Sim sim, HbmConfig hbmCfg, SramBehaviour sb) {
        this.cfg = cfg;
        sim.reset(2);
        tb = new Testbench(sim);
        hbmModel = new HbmModel(sim, "m_axi", hbmCfg, hbm);
        monitor = new AxiMonitor(sim, "m_axi");
        tb.add(descriptorDriver(sim)).add(completionCollector(sim, sb.doneStall(), hbmCfg.seed()))
                .add(new SramModel(sim, sram, sb.latency(), sb.stall(), hbmCfg.seed() + 1)).add(hbmModel).add(monitor);
    }

    /** The engine's parameters. */
    public DmaConfig config() {
        return cfg;
    }

    /** HBM contents. */
    public SparseMemory hbm() {
        return hbm;
    }

    /** SRAM contents. */
    public SparseMemory sram() {
        return sram;
    }

    /** The HBM model (its counters). */
    public HbmModel hbmModel() {
        return hbmModel;
    }

    /** The protocol monitor. */
    public AxiMonitor monitor() {
        return monitor;
    }

    /** The testbench. */
    public Testbench testbench() {
        return tb;
    }

    /** Queues a descriptor for the engine. */
    public void submit(DmaDescriptor d) {
        pending.add(d);
    }

    /** Completions so far, in arrival order. */
    public List<DmaStatus> completions() {
        return completions;
    }

    /** Cycle the first descriptor was accepted (-1 before). */
    public long firstAccepted() {
        return firstAccepted;
    }

    /** Cycle of the last completion (-1 before). */
    public long lastCompleted() {
        return lastCompleted;
    }

    /** Runs until {@code n} completions have arrived in total; fails after {@code timeout} cycles. */
    public long runUntilCompleted(int n, long timeout) {
        return tb.runUntil(() -> completions.size() >= n, timeout);
    }

    /** Runs {@code cycles} cycles. */
    public void run(long cycles) {
        tb.run(cycles);
    }

    /** The golden model's view of the HBM contents. */
    public DmaGolden.Space hbmSpace() {
        return space(hbm);
    }

    /** The golden model's view of the SRAM contents. */
    public DmaGolden.Space sramSpace() {
        return space(sram);
    }

    /** A sparse memory seen as the golden model's byte space. */
    public static DmaGolden.Space space(SparseMemory m) {
        return new DmaGolden.Space() {
            @Override
            public int read(long addr) {
                return m.read(addr);
            }

            @Override
            public void write(long addr, int value) {
                m.write(addr, value);
            }
        };
    }

    private Agent descriptorDriver(Sim sim) {
        Sim.Port valid = sim.port("desc_valid");
        Sim.Port ready = sim.port("desc_ready");
        Sim.Port tag = sim.port("desc_payload_tag");
        Sim.Port dir = sim.port("desc_payload_direction");
        Sim.Port src = sim.port("desc_payload_src");
        Sim.Port dst = sim.port("desc_payload_dst");
        Sim.Port rows = sim.port("desc_payload_rows");
        Sim.Port bpr = sim.port("desc_payload_bytesPerRow");
        Sim.Port ss = sim.port("desc_payload_srcStride");
        Sim.Port ds = sim.port("desc_payload_dstStride");
        return (s, cycle) -> {
            DmaDescriptor d = pending.peek();
            valid.set(d == null ? 0 : 1);
            if (d == null) {
                return;
            }
            tag.set(d.tag());
            dir.set(d.direction().ordinal());
            src.set(d.src());
            dst.set(d.dst());
            rows.set(d.rows());
            bpr.set(d.bytesPerRow());
            ss.set(d.srcStride());
            ds.set(d.dstStride());
            if (ready.get() != 0) {
                pending.poll();
                if (firstAccepted < 0) {
                    firstAccepted = cycle;
                }
            }
        };
    }

    private Agent completionCollector(Sim sim, double stall, long seed) {
        Sim.Port valid = sim.port("done_valid");
        Sim.Port ready = sim.port("done_ready");
        Sim.Port tag = sim.port("done_payload_tag");
        Sim.Port code = sim.port("done_payload_code");
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        DmaStatus.Code[] codes = DmaStatus.Code.values();
        return (s, cycle) -> {
            boolean r = !(stall > 0 && rng.nextDouble() < stall);
            ready.set(r ? 1 : 0);
            if (r && valid.get() != 0) {
                int c = (int) code.get();
                if (c >= codes.length) {
                    throw s.failure("completion code " + c + " is not a DmaStatus.Code");
                }
                completions.add(new DmaStatus((int) tag.get(), codes[c]));
                lastCompleted = cycle;
            }
        };
    }

    @Override
    public void close() {
        tb.close();
    }
}
