package sohu.verify.mem;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import sohu.core.mem.DmaDescriptor;
import sohu.core.mem.DmaStatus;
import sohu.core.mem.KvCacheConfig;
import sohu.core.mem.KvCacheModel;
import sohu.core.mem.KvCommand;
import sohu.core.mem.KvStatus;
import sohu.core.mem.rtl.KvCache;
import sohu.core.mem.rtl.MemorySystem;
import sohu.verilator.Agent;
import sohu.verilator.CircuitSim;
import sohu.verilator.Sim;
import sohu.verilator.Testbench;
import sohu.verilator.axi.AxiMonitor;
import sohu.verilator.axi.HbmConfig;
import sohu.verilator.axi.HbmModel;

/**
 * Drives a Verilated {@link KvCache}: the host side (table writes and commands, in program order;
 * a table write waits while an earlier command that reads the entry is still in flight, so the walk
 * and the model see the same table; writes to other entries go on during walks), and {@link KvDmaAgent} standing in for the DMA and HBM. Every
 * descriptor the RTL emits is compared, field by field, with {@link KvCacheModel}'s translation of
 * its command, and every completion with the model's status.
 */
public final class KvHarness implements AutoCloseable, Agent {
    /** What the host does next: a table write or a command. */
    public sealed interface Op permits TableWrite, Command, ScratchpadPort.Access { }

    /** What answers the unit's descriptors: {@link KvDmaAgent}, or the real DMA of a {@link MemorySystem}. */
    public interface DmaSide extends Agent {
        /** The first failed DMA status returned for {@code tag} since {@link #clearErrors}, or OK. */
        DmaStatus.Code firstError(int tag);

        /** Forgets the errors of {@code tag} (its command completed). */
        void clearErrors(int tag);
    }

    /** A block-table write ({@code block} < 0 unmaps the entry). */
    public record TableWrite(int seq, int index, int block) implements Op { }

    /** A command; {@code onDone} runs when its completion arrives (may be null). */
    public record Command(KvCommand cmd, java.util.function.Consumer<KvStatus> onDone) implements Op { }

    /** A command the unit accepted, with what the model says it becomes. */
    private record Issued(Command command, int number, KvCacheModel.Translation translation, long acceptCycle) { }

    private final KvCacheConfig cfg;
    private final KvCacheModel model;
    private final Testbench tb;
    private final Sim sim;
    private final DmaSide dma;
    private final ScratchpadPort spad; // null with KvDmaAgent
    private final boolean checkDescriptors;
    private final Random rnd;
    private final double statusReadyRate;
    private final Deque<Op> program = new ArrayDeque<>();
    private final Deque<DmaDescriptor> expectedDescriptors = new ArrayDeque<>();
    private final Deque<Issued> awaiting = new ArrayDeque<>();
    private final List<Issued> byTag = new ArrayList<>();
    private final Sim.Port cmdValid;
    private final Sim.Port cmdReady;
    private final Sim.Port tblValid;
    private final Sim.Port tblReady;
    private final Sim.Port statusValid;
    private final Sim.Port statusReady;
    private int accepted;
    private long descriptorsSeen;
    private long completions;
    private long firstDescriptorLatency = -1;

    /** Opens the unit and waits for its table clear to finish. */
    public KvHarness(KvCacheConfig cfg, KvDmaAgent.Memory memory, KvDmaAgent.Timing timing, double statusReadyRate, long seed) {
        this(cfg, CircuitSim.open(KvCache.elaborate(cfg)), statusReadyRate, seed,
                h -> new KvDmaAgent(h.sim, memory, timing, new Random(seed * 31 + 7), h::onDescriptor));
    }

    /**
     * Opens a {@link MemorySystem}: the unit's descriptors go to the real DMA engine, which runs
     * against an {@link HbmModel} (behaving as {@code hbm}) under an {@link AxiMonitor}; the
     * scratchpad is reached through {@link ScratchpadPort.Access} operations in the program.
     * Descriptors are internal here: completions (with their descriptor counts) are still compared
     * with the model. With {@code hostCopies} the host's own copies share the engine (checked by
     * {@link JoinedDma}).
     */
    public static KvHarness joined(MemorySystem.Params p, HbmConfig hbm, boolean hostCopies, double statusReadyRate, long seed) {
        return new KvHarness(p.kv(), CircuitSim.open(MemorySystem.elaborate(p)), statusReadyRate, seed,
                h -> new JoinedDma(h.sim, hbm, hostCopies));
    }

    private KvHarness(KvCacheConfig cfg, Sim sim, double statusReadyRate, long seed, Function<KvHarness, DmaSide> side) {
        this.cfg = cfg;
        this.model = new KvCacheModel(cfg);
        this.rnd = new Random(seed);
        this.statusReadyRate = statusReadyRate;
        this.sim = sim;
        this.tb = new Testbench(sim);
        this.dma = side.apply(this);
        this.checkDescriptors = dma instanceof KvDmaAgent;
        this.spad = checkDescriptors ? null : new ScratchpadPort(sim);
        cmdValid = sim.port("cmd_valid");
        cmdReady = sim.port("cmd_ready");
        tblValid = sim.port("tbl_valid");
        tblReady = sim.port("tbl_ready");
        statusValid = sim.port("status_valid");
        statusReady = sim.port("status_ready");
        for (int i = 0; i < cfg.inFlight(); i++) {
            byTag.add(null);
        }
        tb.add(this).add(dma);
        if (spad != null) {
            tb.add(spad);
        }
        sim.reset(2);
        tb.runUntil(() -> tblReady.get() == 1, (long) cfg.sequences() * cfg.blocksPerSequence() + 10);
    }

    /** The model (the host's view of the table). */
    public KvCacheModel model() {
        return model;
    }

    /** The simulation. */
    public Sim sim() {
        return sim;
    }

    /** What answers the descriptors. */
    public DmaSide dma() {
        return dma;
    }

    /** Queues a host operation. */
    public void submit(Op op) {
        program.addLast(op);
    }

    /** Runs until the program is done and every command has completed (fails after {@code timeout} cycles). */
    public long drain(long timeout) {
        return tb.runUntil(() -> program.isEmpty() && awaiting.isEmpty() && expectedDescriptors.isEmpty()
                && (spad == null || spad.idle()), timeout);
    }

    /** Descriptors the RTL emitted so far (all matched the model). */
    public long descriptors() {
        return descriptorsSeen;
    }

    /** Completions received so far (all matched the model). */
    public long completions() {
        return completions;
    }

    /** Cycles from the last accepted command to its first descriptor (-1 before any). */
    public long firstDescriptorLatency() {
        return firstDescriptorLatency;
    }

    /** Cycles run. */
    public long cycle() {
        return sim.cycle();
    }

    @Override
    public void onCycle(Sim s, long cycle) {
        cmdValid.set(0);
        tblValid.set(0);
        Op next = program.peekFirst();
        if (spad != null && !spad.idle()) {
            next = null; // commands wait for the scratchpad access before them
        }
        if (next instanceof ScratchpadPort.Access a) {
            program.removeFirst();
            spad.start(a);
        } else if (next instanceof TableWrite w) {
            if (awaiting.stream().noneMatch(is -> reads(is, w))) { // no walk may read the entry while it changes
                tblValid.set(1);
                s.poke("tbl_payload_seq", w.seq());
                s.poke("tbl_payload_index", w.index());
                s.poke("tbl_payload_block", Math.max(0, w.block()));
                s.poke("tbl_payload_mapped", w.block() >= 0 ? 1 : 0);
                if (tblReady.get() == 1) {
                    program.removeFirst();
                    if (w.block() >= 0) {
                        model.map(w.seq(), w.index(), w.block());
                    } else {
                        model.unmap(w.seq(), w.index());
                    }
                }
            }
        } else if (next instanceof Command c) {
            KvCommand k = c.cmd();
            cmdValid.set(1);
            s.poke("cmd_payload_tag", k.tag());
            s.poke("cmd_payload_op", k.op().ordinal());
            s.poke("cmd_payload_seq", k.sequence());
            s.poke("cmd_payload_pos", k.pos());
            s.poke("cmd_payload_count", k.count());
            s.poke("cmd_payload_layer", k.layer());
            s.poke("cmd_payload_head", k.head());
            s.poke("cmd_payload_v", k.v() ? 1 : 0);
            s.poke("cmd_payload_spad", k.spad());
            if (cmdReady.get() == 1) {
                program.removeFirst();
                int slot = accepted % cfg.inFlight();
                Issued is = new Issued(c, accepted++, model.translate(k, slot), cycle);
                if (checkDescriptors) {
                    expectedDescriptors.addAll(is.translation().descriptors());
                }
                awaiting.addLast(is);
                byTag.set(slot, is);
            }
        }
        statusReady.set(rnd.nextDouble() < statusReadyRate ? 1 : 0);
        if (statusValid.get() == 1 && statusReady.get() == 1) {
            onCompletion(s);
        }
    }

    /** Whether the command's walk reads (or may still read) the entry {@code w} writes. */
    private boolean reads(Issued is, TableWrite w) {
        KvCommand k = is.command().cmd();
        KvStatus.Code code = is.translation().code();
        if (k.sequence() != w.seq() || (code != KvStatus.Code.OK && code != KvStatus.Code.UNMAPPED)) {
            return false;
        }
        int bt = cfg.layout().blockTokens();
        int last = k.op() == KvCommand.Op.APPEND ? k.pos() / bt : (k.pos() + k.count() - 1) / bt;
        return w.index() >= k.pos() / bt && w.index() <= last;
    }

    private void onDescriptor(DmaDescriptor got, long cycle) {
        DmaDescriptor want = expectedDescriptors.pollFirst();
        if (want == null) {
            throw sim.failure("the unit emitted a descriptor no command asked for: " + got);
        }
        if (!want.equals(got)) {
            throw sim.failure("descriptor " + descriptorsSeen + " differs from the model\n  expected " + want + "\n  actual   " + got);
        }
        Issued is = byTag.get(got.tag());
        if (is.translation().descriptors().get(0) == want) { // the command's first descriptor
            firstDescriptorLatency = cycle - is.acceptCycle();
        }
        descriptorsSeen++;
    }

    private void onCompletion(Sim s) {
        Issued is = awaiting.pollFirst();
        if (is == null) {
            throw s.failure("a completion with no command outstanding");
        }
        KvStatus want = is.translation().status(is.command().cmd().tag(), dma.firstError(is.number() % cfg.inFlight()));
        KvStatus got = new KvStatus((int) s.peek("status_payload_tag"), KvStatus.Code.values()[(int) s.peek("status_payload_code")],
                DmaStatus.Code.values()[(int) s.peek("status_payload_dmaCode")], (int) s.peek("status_payload_descriptors"));
        if (!want.equals(got)) {
            throw s.failure("completion of command " + is.number() + " " + is.command().cmd() + " differs from the model\n  expected "
                    + want + "\n  actual   " + got);
        }
        dma.clearErrors(is.number() % cfg.inFlight());
        completions++;
        if (is.command().onDone() != null) {
            is.command().onDone().accept(got);
        }
    }

    @Override
    public void close() {
        tb.close();
    }
}
