package sohu.verify.mem;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import sohu.core.mem.DmaDescriptor;
import sohu.core.mem.DmaStatus;
import sohu.verilator.Sim;

/**
 * A test agent standing in for the DMA engine and HBM behind the KV cache unit: it takes
 * descriptors from {@code dma_desc} (ready with a given probability), moves their bytes at once
 * between two Java byte arrays (HBM and the scratchpad), and returns each status after a random
 * delay on {@code dma_status}, in whatever order the delays give (several due at once: a random
 * one first). Chosen descriptors fail with an error code instead.
 */
public final class KvDmaAgent implements KvHarness.DmaSide {
    /** HBM and scratchpad contents (null arrays: descriptors only, no data). */
    public record Memory(byte[] hbm, byte[] spad) {
        /** No data: the agent only checks and answers descriptors. */
        public static Memory none() {
            return new Memory(null, null);
        }
    }

    /**
     * How the agent behaves.
     *
     * @param readyRate probability that {@code dma_desc_ready} is high in a cycle
     * @param minDelay  fewest cycles from a descriptor to its status
     * @param maxDelay  most cycles from a descriptor to its status
     * @param errorRate probability that a descriptor fails (its bytes are not moved)
     */
    public record Timing(double readyRate, int minDelay, int maxDelay, double errorRate) {
        /** Always ready, a status 1 cycle later, no errors. */
        public static Timing ideal() {
            return new Timing(1, 1, 1, 0);
        }
    }

    /** Called for every descriptor taken, with the cycle it was taken in. */
    @FunctionalInterface
    public interface Listener {
        void onDescriptor(DmaDescriptor d, long cycle);
    }

    private record Pending(long due, int tag, DmaStatus.Code code) { }

    private final Memory mem;
    private final Timing timing;
    private final Random rnd;
    private final Listener listener;
    private final List<Pending> pending = new ArrayList<>();
    private final DmaStatus.Code[] firstError = new DmaStatus.Code[256];
    private final Sim.Port descValid;
    private final Sim.Port descReady;
    private final Sim.Port statusValid;
    private final Sim.Port statusTag;
    private final Sim.Port statusCode;
    private final Sim.Port[] fields;
    private long bytesMoved;

    /** An agent on the unit's {@code dma_desc} and {@code dma_status} ports. */
    public KvDmaAgent(Sim sim, Memory mem, Timing timing, Random rnd, Listener listener) {
        this.mem = mem;
        this.timing = timing;
        this.rnd = rnd;
        this.listener = listener;
        descValid = sim.port("dma_desc_valid");
        descReady = sim.port("dma_desc_ready");
        statusValid = sim.port("dma_status_valid");
        statusTag = sim.port("dma_status_payload_tag");
        statusCode = sim.port("dma_status_payload_code");
        String[] names = {"tag", "direction", "src", "dst", "rows", "bytesPerRow", "srcStride", "dstStride"};
        fields = new Sim.Port[names.length];
        for (int i = 0; i < names.length; i++) {
            fields[i] = sim.port("dma_desc_payload_" + names[i]);
        }
        java.util.Arrays.fill(firstError, DmaStatus.Code.OK);
    }

    @Override
    public DmaStatus.Code firstError(int tag) {
        return firstError[tag];
    }

    @Override
    public void clearErrors(int tag) {
        firstError[tag] = DmaStatus.Code.OK;
    }

    /** Bytes moved so far. */
    public long bytesMoved() {
        return bytesMoved;
    }

    @Override
    public void onCycle(Sim sim, long cycle) {
        boolean ready = rnd.nextDouble() < timing.readyRate();
        descReady.set(ready ? 1 : 0);
        if (ready && descValid.get() == 1) {
            DmaDescriptor d = new DmaDescriptor((int) fields[0].get(), DmaDescriptor.Direction.values()[(int) fields[1].get()],
                    fields[2].get(), fields[3].get(), (int) fields[4].get(), (int) fields[5].get(), fields[6].get(), fields[7].get());
            listener.onDescriptor(d, cycle);
            boolean fail = rnd.nextDouble() < timing.errorRate();
            DmaStatus.Code code = DmaStatus.Code.OK;
            if (fail) {
                boolean read = d.direction() != DmaDescriptor.Direction.SRAM_TO_HBM;
                boolean slv = rnd.nextBoolean();
                code = read ? (slv ? DmaStatus.Code.READ_SLVERR : DmaStatus.Code.READ_DECERR)
                        : (slv ? DmaStatus.Code.WRITE_SLVERR : DmaStatus.Code.WRITE_DECERR);
            } else {
                move(d);
            }
            int delay = timing.minDelay() + rnd.nextInt(timing.maxDelay() - timing.minDelay() + 1);
            pending.add(new Pending(cycle + delay, d.tag(), code));
        }
        statusValid.set(0);
        List<Integer> due = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            if (pending.get(i).due() <= cycle) {
                due.add(i);
            }
        }
        if (!due.isEmpty()) {
            Pending p = pending.remove((int) due.get(rnd.nextInt(due.size())));
            statusValid.set(1);
            statusTag.set(p.tag());
            statusCode.set(p.code().ordinal());
            if (p.code() != DmaStatus.Code.OK && firstError[p.tag()] == DmaStatus.Code.OK) {
                firstError[p.tag()] = p.code();
            }
        }
    }

    private void move(DmaDescriptor d) {
        if (mem.hbm() == null) {
            return;
        }
        boolean load = d.direction() == DmaDescriptor.Direction.HBM_TO_SRAM;
        byte[] from = load ? mem.hbm() : mem.spad();
        byte[] to = load ? mem.spad() : mem.hbm();
        for (int r = 0; r < d.rows(); r++) {
            System.arraycopy(from, (int) (d.src() + r * d.srcStride()), to, (int) (d.dst() + r * d.dstStride()), d.bytesPerRow());
        }
        bytesMoved += d.totalBytes();
    }
}
