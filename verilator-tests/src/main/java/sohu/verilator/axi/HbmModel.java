package sohu.verilator.axi;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import sohu.verilator.Agent;
import sohu.verilator.Sim;

/**
 * An AXI4 slave standing in for HBM, stepped by a {@link sohu.verilator.Testbench}: a
 * {@link SparseMemory} behind a fixed latency plus bank timing (row hits cost CL, misses
 * tRP + tRCD + CL, activates spaced by tRC, column commands to one bank spaced by tCCD), a bandwidth in beats per cycle on R and W, responses
 * of different IDs reordered as {@link HbmConfig.Reorder} says (each ID's order kept), random stalls on every channel,
 * and error responses on chosen address ranges (their writes are dropped). Register it before
 * the {@link AxiMonitor} so the monitor sees this cycle's responses. It accepts W beats only for
 * bursts whose address it has taken (a slave may wait for AWVALID), and returns each read burst's
 * beats back to back.
 */
public final class HbmModel implements Agent {
    private static final int MAX_OUTSTANDING = 256;

    private final AxiPorts p;
    private final HbmConfig cfg;
    private final SparseMemory mem;
    private final SplittableRandom rng;
    private final int bytes;
    private final Map<Long, ArrayDeque<Burst>> reads = new TreeMap<>();
    private final ArrayDeque<Burst> writes = new ArrayDeque<>();
    private final Map<Long, ArrayDeque<Burst>> responses = new TreeMap<>();
    private final long[] openRow;
    private final long[] lastActivate;
    private final long[] bankFree;
    private int readsOutstanding;
    private long sequence;
    private double rTokens;
    private double wTokens;
    private Burst rShown;
    private Burst rCurrent;
    private Burst bShown;
    private final Stats stats = new Stats();

    /** Counters since the start or the last {@link #resetStats()}. */
    public static final class Stats {
        /** Read and write bursts accepted. */
        public long readBursts, writeBursts;
        /** Read beats sent and write beats taken. */
        public long readBeats, writeBeats;
        /** Row-buffer hits and misses. */
        public long rowHits, rowMisses;
        /** Cycle of the first address accepted, -1 if none. */
        public long firstRequest = -1;
        /** Cycle of the last read beat or write response sent. */
        public long lastResponse = -1;
    }

    private static final class Burst {
        final long seq;
        final long id;
        final long addr;
        final int beats;
        final int size;
        final int type;
        final int resp;
        long readyAt;
        int beat;

        Burst(long seq, long id, long addr, int beats, int size, int type, int resp) {
            this.seq = seq;
            this.id = id;
            this.addr = addr;
            this.beats = beats;
            this.size = size;
            this.type = type;
            this.resp = resp;
        }

        long beatAddr(int i) {
            long step = 1L << size;
            long aligned = addr & -step;
            return switch (type) {
                case 0 -> addr;
                case 2 -> {
                    long wrap = step * beats;
                    long base = addr & -wrap;
                    yield base + ((aligned - base + i * step) & (wrap - 1));
                }
                default -> i == 0 ? addr : aligned + i * step;
            };
        }
    }

    /** A model on the interface {@code prefix} of {@code sim}, over {@code mem}. */
    public HbmModel(Sim sim, String prefix, HbmConfig cfg, SparseMemory mem) {
        this.p = new AxiPorts(sim, prefix);
        this.cfg = cfg;
        this.mem = mem;
        this.rng = new SplittableRandom(cfg.seed());
        this.bytes = p.busBytes();
        openRow = new long[cfg.banks()];
        lastActivate = new long[cfg.banks()];
        bankFree = new long[cfg.banks()];
        java.util.Arrays.fill(openRow, -1);
        java.util.Arrays.fill(lastActivate, Long.MIN_VALUE / 4);
    }

    /** The memory behind the model. */
    public SparseMemory memory() {
        return mem;
    }

    /** Counters. */
    public Stats stats() {
        return stats;
    }

    /** Clears the counters. */
    public void resetStats() {
        stats.readBursts = 0;
        stats.writeBursts = 0;
        stats.readBeats = 0;
        stats.writeBeats = 0;
        stats.rowHits = 0;
        stats.rowMisses = 0;
        stats.firstRequest = -1;
        stats.lastResponse = -1;
    }

    /** Whether no burst is waiting for data or a response. */
    public boolean idle() {
        return readsOutstanding == 0 && writes.isEmpty() && responses.values().stream().allMatch(ArrayDeque::isEmpty);
    }

    @Override
    public void onCycle(Sim sim, long now) {
        rTokens = Math.min(1, rTokens + cfg.beatsPerCycle());
        wTokens = Math.min(1, wTokens + cfg.beatsPerCycle());
        HbmConfig.Stalls st = cfg.stalls();
        boolean arReady = readsOutstanding < MAX_OUTSTANDING && !stall(st.ar());
        boolean awReady = writes.size() < MAX_OUTSTANDING && !stall(st.aw());
        boolean wReady = !writes.isEmpty() && wTokens >= 1 && !stall(st.w());
        if (rShown == null && rTokens >= 1 && !stall(st.r())) {
            rShown = nextRead(now);
        }
        if (bShown == null && !stall(st.b())) {
            bShown = pick(responses, now);
        }
        p.arready.set(arReady ? 1 : 0);
        p.awready.set(awReady ? 1 : 0);
        p.wready.set(wReady ? 1 : 0);
        driveR();
        driveB();
        sim.eval();

        if (arReady && p.arvalid.get() != 0) {
            acceptRead(now);
        }
        if (awReady && p.awvalid.get() != 0) {
            acceptWrite(now);
        }
        if (wReady && p.wvalid.get() != 0) {
            takeBeat(now);
        }
        if (rShown != null && p.rready.get() != 0) {
            sentBeat(now);
        }
        if (bShown != null && p.bready.get() != 0) {
            responses.get(bShown.id).poll();
            bShown = null;
            stats.lastResponse = now;
        }
    }

    private boolean stall(double prob) {
        return prob > 0 && rng.nextDouble() < prob;
    }

    private Burst nextRead(long now) {
        if (rCurrent != null) {
            return rCurrent.readyAt + rCurrent.beat <= now ? rCurrent : null;
        }
        Burst b = pick(reads, now);
        rCurrent = b;
        return b;
    }

    /** A ready head of one ID's queue, as {@link HbmConfig#reorder()} says: the oldest (if ready), the oldest ready, or any ready. */
    private Burst pick(Map<Long, ArrayDeque<Burst>> queues, long now) {
        List<Burst> ready = new ArrayList<>();
        Burst oldest = null;
        Burst oldestReady = null;
        for (ArrayDeque<Burst> q : queues.values()) {
            Burst h = q.peek();
            if (h == null) {
                continue;
            }
            if (oldest == null || h.seq < oldest.seq) {
                oldest = h;
            }
            if (h.readyAt <= now) {
                ready.add(h);
                if (oldestReady == null || h.seq < oldestReady.seq) {
                    oldestReady = h;
                }
            }
        }
        if (ready.isEmpty()) {
            return null;
        }
        return switch (cfg.reorder()) {
            case RANDOM -> ready.get(ready.size() == 1 ? 0 : rng.nextInt(ready.size()));
            case OLDEST_READY -> oldestReady;
            case NONE -> oldest.readyAt <= now ? oldest : null;
        };
    }

    private void driveR() {
        if (rShown == null) {
            p.rvalid.set(0);
            return;
        }
        Burst b = rShown;
        long[] word = new long[p.dataWords];
        mem.readWord(b.beatAddr(b.beat) & -(long) bytes, word);
        p.rvalid.set(1);
        p.rid.set(b.id);
        AxiPorts.set(p.rdata, word);
        p.rresp.set(b.resp);
        p.rlast.set(b.beat == b.beats - 1 ? 1 : 0);
    }

    private void driveB() {
        if (bShown == null) {
            p.bvalid.set(0);
            return;
        }
        p.bvalid.set(1);
        p.bid.set(bShown.id);
        p.bresp.set(bShown.resp);
    }

    private void acceptRead(long now) {
        Burst b = burst(p.arid.get(), p.araddr.get(), (int) p.arlen.get() + 1, (int) p.arsize.get(),
                (int) p.arburst.get(), true);
        b.readyAt = now + cfg.latency() + jitter() + bankDelay(now + cfg.latency(), b);
        reads.computeIfAbsent(b.id, k -> new ArrayDeque<>()).add(b);
        readsOutstanding++;
        stats.readBursts++;
        firstRequest(now);
    }

    private void acceptWrite(long now) {
        writes.add(burst(p.awid.get(), p.awaddr.get(), (int) p.awlen.get() + 1, (int) p.awsize.get(),
                (int) p.awburst.get(), false));
        stats.writeBursts++;
        firstRequest(now);
    }

    private void firstRequest(long now) {
        if (stats.firstRequest < 0) {
            stats.firstRequest = now;
        }
    }

    private Burst burst(long id, long addr, int beats, int size, int type, boolean read) {
        long hi = addr + ((long) beats << size);
        int resp = 0;
        for (HbmConfig.ErrorRange e : cfg.errors()) {
            if (e.hits(addr, hi, read)) {
                resp = e.resp();
                break;
            }
        }
        return new Burst(sequence++, id, addr, beats, size, type, resp);
    }

    private void takeBeat(long now) {
        Burst b = writes.peek();
        if (b.resp == 0) {
            mem.writeWord(b.beatAddr(b.beat) & -(long) bytes, AxiPorts.words(p.wdata, p.dataWords),
                    AxiPorts.words(p.wstrb, p.strobeWords));
        }
        b.beat++;
        wTokens -= 1;
        stats.writeBeats++;
        if (p.wlast.get() != 0 || b.beat == b.beats) {
            writes.poll();
            b.readyAt = now + cfg.latency() + jitter() + bankDelay(now, b);
            responses.computeIfAbsent(b.id, k -> new ArrayDeque<>()).add(b);
        }
    }

    private void sentBeat(long now) {
        Burst b = rShown;
        rShown = null;
        b.beat++;
        rTokens -= 1;
        stats.readBeats++;
        stats.lastResponse = now;
        if (b.beat == b.beats) {
            reads.get(b.id).poll();
            rCurrent = null;
            readsOutstanding--;
        }
    }

    private int jitter() {
        return cfg.jitter() == 0 ? 0 : rng.nextInt(cfg.jitter() + 1);
    }

    /** Bank timing of a burst's first row from {@code t}: extra cycles until its data starts. */
    private long bankDelay(long t, Burst b) {
        long rowIndex = b.addr / cfg.rowBytes();
        int bank = (int) (rowIndex & (cfg.banks() - 1));
        long row = rowIndex / cfg.banks();
        long start = Math.max(t, bankFree[bank]);
        long column;
        if (openRow[bank] == row) {
            column = start;
            stats.rowHits++;
        } else {
            long activate = Math.max(start + (openRow[bank] >= 0 ? cfg.tRp() : 0), lastActivate[bank] + cfg.tRc());
            lastActivate[bank] = activate;
            openRow[bank] = row;
            column = activate + cfg.tRcd();
            stats.rowMisses++;
        }
        // The bank takes its next column command tCCD (or this burst's beats) later; CL is only latency.
        bankFree[bank] = column + Math.max(cfg.tCcd(), b.beats);
        return column + cfg.cl() - t;
    }
}
