package sohu.verify.mem;

import java.util.ArrayDeque;
import java.util.SplittableRandom;
import sohu.core.mem.DmaDescriptor;
import sohu.core.mem.DmaStatus;
import sohu.verilator.Sim;
import sohu.verilator.axi.AxiMonitor;
import sohu.verilator.axi.HbmConfig;
import sohu.verilator.axi.HbmModel;
import sohu.verilator.axi.SparseMemory;

/**
 * The world of a {@link sohu.core.mem.rtl.MemorySystem}'s DMA: an {@link HbmModel} and an
 * {@link AxiMonitor} on {@code m_axi}, and on {@code host_desc} either nothing or a host issuing
 * its own HBM-to-HBM copies (random lengths, far above the KV cache's region, at most two in
 * flight), each checked on {@code host_done}: its tag, in issue order, OK, and the copied bytes.
 * Its KV DMA statuses are internal, so it reports no errors of its own: an error from the engine
 * reaches the KV completion, which the harness compares with the model's OK.
 */
final class JoinedDma implements KvHarness.DmaSide {
    private static final long HOST_SRC = 0x4000_0000L;
    private static final long HOST_DST = 0x6000_0000L;

    private final SparseMemory hbm = new SparseMemory();
    private final HbmModel model;
    private final AxiMonitor monitor;
    private final boolean hostCopies;
    private final SplittableRandom rnd;
    private final ArrayDeque<DmaDescriptor> hostInFlight = new ArrayDeque<>();
    private final Sim.Port hostValid, hostReady, hostDoneValid, hostDoneReady, hostDoneTag, hostDoneCode;
    private final Sim.Port[] fields;
    private DmaDescriptor offered;
    private int hostIssued;
    private long hostChecked;

    JoinedDma(Sim sim, HbmConfig cfg, boolean hostCopies) {
        model = new HbmModel(sim, "m_axi", cfg, hbm);
        monitor = new AxiMonitor(sim, "m_axi");
        this.hostCopies = hostCopies;
        rnd = new SplittableRandom(cfg.seed() ^ 0x1234_5678L);
        hostValid = sim.port("host_desc_valid");
        hostReady = sim.port("host_desc_ready");
        hostDoneValid = sim.port("host_done_valid");
        hostDoneReady = sim.port("host_done_ready");
        hostDoneTag = sim.port("host_done_payload_tag");
        hostDoneCode = sim.port("host_done_payload_code");
        String[] names = {"tag", "direction", "src", "dst", "rows", "bytesPerRow", "srcStride", "dstStride"};
        fields = new Sim.Port[names.length];
        for (int i = 0; i < names.length; i++) {
            fields[i] = sim.port("host_desc_payload_" + names[i]);
        }
    }

    /** The HBM model (its counters). */
    HbmModel hbmModel() {
        return model;
    }

    /** The protocol monitor. */
    AxiMonitor monitor() {
        return monitor;
    }

    /** Host copies completed and checked. */
    long hostChecked() {
        return hostChecked;
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
        hostDoneReady.set(1);
        if (hostDoneValid.get() == 1) {
            onHostDone(sim);
        }
        if (offered == null && hostCopies && hostInFlight.size() < 2 && rnd.nextInt(50) == 0) {
            offered = nextCopy();
        }
        hostValid.set(offered == null ? 0 : 1);
        if (offered != null) {
            DmaDescriptor d = offered;
            long[] v = {d.tag(), d.direction().ordinal(), d.src(), d.dst(), d.rows(), d.bytesPerRow(), d.srcStride(), d.dstStride()};
            for (int i = 0; i < v.length; i++) {
                fields[i].set(v[i]);
            }
            if (hostReady.get() == 1) { // taken at this edge
                hostInFlight.add(d);
                offered = null;
            }
        }
        model.onCycle(sim, cycle);
        monitor.onCycle(sim, cycle);
    }

    private DmaDescriptor nextCopy() {
        int n = hostIssued++;
        long off = (n % 1024) * 4096L + rnd.nextInt(64);
        int len = 1 + rnd.nextInt(600);
        for (int i = 0; i < len; i++) {
            hbm.write(HOST_SRC + off + i, rnd.nextInt(256));
        }
        return DmaDescriptor.linear(n & 0x7F, DmaDescriptor.Direction.HBM_TO_HBM, HOST_SRC + off, HOST_DST + off, len);
    }

    private void onHostDone(Sim sim) {
        DmaDescriptor d = hostInFlight.poll();
        if (d == null) {
            throw sim.failure("a host completion with no host descriptor in flight");
        }
        int tag = (int) hostDoneTag.get();
        DmaStatus.Code code = DmaStatus.Code.values()[(int) hostDoneCode.get()];
        if (tag != d.tag() || code != DmaStatus.Code.OK) {
            throw sim.failure("host completion " + tag + " " + code + ", expected " + d.tag() + " OK");
        }
        for (int i = 0; i < d.bytesPerRow(); i++) {
            if (hbm.read(d.dst() + i) != hbm.read(d.src() + i)) {
                throw sim.failure("host copy " + d + ": byte " + i + " differs");
            }
        }
        hostChecked++;
    }

    @Override
    public void monitor(Sim sim, long cycle) {
        model.monitor(sim, cycle);
        monitor.monitor(sim, cycle);
    }
}
