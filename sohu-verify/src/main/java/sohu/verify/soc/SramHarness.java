package sohu.verify.soc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import sohu.core.mem.DmaDescriptor;
import sohu.core.mem.DmaStatus;
import sohu.core.soc.rtl.ElementSpace;
import sohu.verilator.Agent;
import sohu.verilator.CircuitSim;
import sohu.verilator.Sim;
import sohu.verilator.Testbench;
import sohu.verilator.axi.AxiMonitor;
import sohu.verilator.axi.HbmConfig;
import sohu.verilator.axi.HbmModel;
import sohu.verilator.axi.SparseMemory;

/**
 * A {@link SramTestbed} in Verilator with its world: an {@link HbmModel} and an {@link AxiMonitor}
 * on {@code m_axi}, a descriptor queue on {@code desc}, a collector of {@code done}, {@code acc_ready}
 * and {@code vmem_ready} each low with probability {@code notReady} per cycle, and a consumer of
 * {@code insn} that stalls with probability {@code consumerStall}.
 */
public final class SramHarness implements AutoCloseable {
    private final SramTestbed.Params params;
    private final Sim sim;
    private final Testbench tb;
    private final SparseMemory hbm = new SparseMemory();
    private final HbmModel hbmModel;
    private final AxiMonitor monitor;
    private final ArrayDeque<DmaDescriptor> pending = new ArrayDeque<>();
    private final List<DmaStatus> completions = new ArrayList<>();
    private final List<long[]> fetched = new ArrayList<>();
    private boolean startPending;

    /** Opens the testbed (built once per configuration, then cached) and its agents. */
    public SramHarness(SramTestbed.Params p, HbmConfig hbmCfg, double notReady, double consumerStall) {
        this.params = p;
        sim = CircuitSim.open(SramTestbed.elaborate(p));
        sim.reset(2);
        tb = new Testbench(sim);
        hbmModel = new HbmModel(sim, "m_axi", hbmCfg, hbm);
        monitor = new AxiMonitor(sim, "m_axi");
        SplittableRandom rng = new SplittableRandom(hbmCfg.seed() ^ 0x51A3L);
        tb.add(descriptorDriver()).add(completionCollector()).add(readiness(rng.split(), notReady))
                .add(consumer(rng.split(), consumerStall)).add(fetchStarter()).add(hbmModel).add(monitor);
    }

    /** The testbed's parameters. */
    public SramTestbed.Params params() {
        return params;
    }

    /** HBM contents. */
    public SparseMemory hbm() {
        return hbm;
    }

    /** The HBM model. */
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

    /** Queues a descriptor. */
    public void submit(DmaDescriptor d) {
        pending.add(d);
    }

    /** The test's completions so far, in arrival order. */
    public List<DmaStatus> completions() {
        return completions;
    }

    /** Instructions delivered so far ({lo, hi}), in order. */
    public List<long[]> fetched() {
        return fetched;
    }

    /** Starts a fetch of {@code count} instructions at HBM byte {@code addr} in the next cycle. */
    public void startFetch(long addr, long count) {
        sim.port("fetch_addr").set(addr);
        sim.port("fetch_count").set(count);
        startPending = true;
    }

    /** Whether the fetch unit is busy. */
    public boolean fetchBusy() {
        return sim.port("fetch_busy").get() != 0;
    }

    /** The fetch unit's error code. */
    public int fetchError() {
        return (int) sim.port("fetch_error").get();
    }

    /** The router's sticky flags: partial element, out of range. */
    public boolean[] routerErrors() {
        return new boolean[] {sim.port("err_partial").get() != 0, sim.port("err_range").get() != 0};
    }

    /** Clears the router's flags (one cycle). */
    public void clearRouterErrors() {
        sim.port("err_clear").set(1);
        tb.run(1);
        sim.port("err_clear").set(0);
    }

    /** Runs until {@code done} holds; fails after {@code timeout} cycles. */
    public long runUntil(java.util.function.BooleanSupplier done, long timeout) {
        return tb.runUntil(done, timeout);
    }

    /** Runs {@code cycles} cycles. */
    public void run(long cycles) {
        tb.run(cycles);
    }

    /** Every element of memory {@code s} (element {@code w·B + b} is bank b's word w), read through the peek port. */
    public long[] dump(ElementSpace s) {
        long[] out = new long[(int) s.elements()];
        Sim.Port addr = sim.port("peek_addr");
        Sim.Port[] banks = new Sim.Port[s.banks()];
        for (int b = 0; b < banks.length; b++) {
            banks[b] = sim.port("peek_" + s.space().tag() + "_" + b);
        }
        for (int w = 0; w < 1 << s.addrBits(); w++) {
            addr.set(w);
            tb.run(1);
            for (int b = 0; b < banks.length; b++) {
                out[w * banks.length + b] = banks[b].get();
            }
        }
        return out;
    }

    private Agent descriptorDriver() {
        Sim.Port valid = sim.port("desc_valid");
        Sim.Port ready = sim.port("desc_ready");
        String[] names = {"tag", "direction", "src", "dst", "rows", "bytesPerRow", "srcStride", "dstStride"};
        Sim.Port[] f = new Sim.Port[names.length];
        for (int i = 0; i < names.length; i++) {
            f[i] = sim.port("desc_payload_" + names[i]);
        }
        return (s, cycle) -> {
            DmaDescriptor d = pending.peek();
            valid.set(d == null ? 0 : 1);
            if (d == null) {
                return;
            }
            long[] v = {d.tag(), d.direction().ordinal(), d.src(), d.dst(), d.rows(), d.bytesPerRow(), d.srcStride(), d.dstStride()};
            for (int i = 0; i < v.length; i++) {
                f[i].set(v[i]);
            }
            if (ready.get() != 0) {
                pending.poll();
            }
        };
    }

    private Agent completionCollector() {
        Sim.Port valid = sim.port("done_valid");
        Sim.Port tag = sim.port("done_payload_tag");
        Sim.Port code = sim.port("done_payload_code");
        sim.port("done_ready").set(1);
        DmaStatus.Code[] codes = DmaStatus.Code.values();
        return (s, cycle) -> {
            if (valid.get() != 0) {
                completions.add(new DmaStatus((int) tag.get(), codes[(int) code.get()]));
            }
        };
    }

    private Agent readiness(SplittableRandom rng, double notReady) {
        Sim.Port acc = sim.port("acc_ready");
        Sim.Port vmem = sim.port("vmem_ready");
        return (s, cycle) -> {
            acc.set(rng.nextDouble() < notReady ? 0 : 1);
            vmem.set(rng.nextDouble() < notReady ? 0 : 1);
        };
    }

    private Agent consumer(SplittableRandom rng, double stall) {
        Sim.Port valid = sim.port("insn_valid");
        Sim.Port ready = sim.port("insn_ready");
        Sim.Port lo = sim.port("insn_payload_lo");
        Sim.Port hi = sim.port("insn_payload_hi");
        return (s, cycle) -> {
            boolean r = !(rng.nextDouble() < stall);
            ready.set(r ? 1 : 0);
            if (r && valid.get() != 0) {
                fetched.add(new long[] {lo.get(), hi.get()});
            }
        };
    }

    private Agent fetchStarter() {
        Sim.Port start = sim.port("fetch_start");
        return (s, cycle) -> {
            start.set(startPending ? 1 : 0);
            startPending = false;
        };
    }

    @Override
    public void close() {
        tb.close();
    }
}
