package sohu.verify.mem;

import sohu.core.mem.DmaStatus;
import sohu.verilator.Sim;
import sohu.verilator.axi.AxiMonitor;
import sohu.verilator.axi.HbmConfig;
import sohu.verilator.axi.HbmModel;
import sohu.verilator.axi.SparseMemory;

/**
 * The world of a {@link sohu.core.mem.rtl.MemorySystem}'s DMA: an {@link HbmModel} and an
 * {@link AxiMonitor} on {@code m_axi}; the host descriptor port idle and its completions always
 * taken. Its DMA statuses are internal, so it reports no errors of its own: an error from the
 * engine reaches the KV completion, which the harness compares with the model's OK.
 */
final class JoinedDma implements KvHarness.DmaSide {
    private final SparseMemory hbm = new SparseMemory();
    private final HbmModel model;
    private final AxiMonitor monitor;
    private final Sim.Port hostValid;
    private final Sim.Port hostDoneReady;

    JoinedDma(Sim sim, HbmConfig cfg) {
        model = new HbmModel(sim, "m_axi", cfg, hbm);
        monitor = new AxiMonitor(sim, "m_axi");
        hostValid = sim.port("host_desc_valid");
        hostDoneReady = sim.port("host_done_ready");
    }

    /** The HBM model (its counters). */
    HbmModel hbmModel() {
        return model;
    }

    /** The protocol monitor. */
    AxiMonitor monitor() {
        return monitor;
    }

    @Override
    public DmaStatus.Code firstError(int tag) {
        return DmaStatus.Code.OK;
    }

    @Override
    public void clearErrors(int tag) {
        // no errors to forget
    }

    @Override
    public void onCycle(Sim sim, long cycle) {
        hostValid.set(0);
        hostDoneReady.set(1);
        model.onCycle(sim, cycle);
        monitor.onCycle(sim, cycle);
    }

    @Override
    public void monitor(Sim sim, long cycle) {
        model.monitor(sim, cycle);
        monitor.monitor(sim, cycle);
    }
}
