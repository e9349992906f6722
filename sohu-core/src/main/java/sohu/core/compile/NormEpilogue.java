package sohu.core.compile;

import java.util.ArrayList;
import java.util.List;
import sohu.core.isa.Deps;
import sohu.core.isa.IssueQueue;
import sohu.core.isa.Space;
import sohu.core.isa.Sync;

/**
 * The RMSNorm that follows a residual product, fused into its pipeline ({@link GemmPhase#residual}):
 * once a tile of tokens has all its columns of {@code x} stored, its rows come back in groups
 * and are normalized beside the next tiles' GEMMs, so the norm's rows no longer run alone in a
 * phase of their own; only the last tile of tokens' rows follow the pipeline's end. Each group
 * goes through two vector slots (its FP32 rows) and two activation slots (its normalized rows):
 * <ol>
 *   <li>relay: a compute SYNC waits for the tile's last {@code x} store and signals the load queue
 *       (tokens flow only between neighbouring queues);</li>
 *   <li>load: the group's rows of {@code x}, once the relay and the slot's previous group's rows
 *       are done;</li>
 *   <li>compute: each row's pair of VECTORs ({@link NormRow}) once its load and the slot's previous
 *       store are done, ended by a SYNC carrying the signals (only the SYNC waits for the GEMM
 *       running beside it);</li>
 *   <li>store: the normalized rows to {@code xn} in the activation format.</li>
 * </ol>
 * Every wait is by signal number ({@link Emitter#waitUntil}), so the pipeline's own tokens and the
 * norm's interleave in any order. The rows of the residual's last tile of tokens (and any group
 * not yet loaded when its tiles end) are left as a {@link Tail} to the next product's pipeline,
 * which normalizes them beside its first tiles, before its loads of those rows ({@link #awaitRows}).
 */
final class NormEpilogue {
    /** Rows per group the norm tries first (then halves until its slots fit). */
    static final int MAX_GROUP = 16;
    /** Rows per group a residual's tiles leave room for when they would otherwise fill the memories. */
    static final int RESERVED_GROUP = 4;
    /** A group's relay when none is needed (its rows were stored before the phase's barrier). */
    private static final int NO_RELAY = -2;

    /**
     * Rows {@code from ..} of {@code x} (stored before the barrier that ended the residual's phase)
     * still to be normalized into {@code norm}: {@code h} elements each.
     */
    record Tail(GemmPhase.Norm norm, long x, int h, int from) { }

    /** One group of rows and the signals of its stages (-1: not yet). */
    private static final class Group {
        final int index;
        final int row0;
        final int rows;
        int xStored = -1;   // store -> compute: the tile's x is in HBM
        int relayed = -1;   // compute -> load
        int loaded = -1;    // load -> compute
        int computed = -1;  // compute -> load: the vector slot is free
        int stored = -1;    // store -> compute: the activation slot is free

        Group(int index, int row0, int rows) {
            this.index = index;
            this.row0 = row0;
            this.rows = rows;
        }
    }

    private final Emitter e;
    private final CoreConfig c;
    private final int h;
    private final long x;
    private final GemmPhase.Norm norm;
    private final int group;
    private final int hw;
    private final int hwa;
    private final int gain;
    private final int vSlots;
    private final int aSlots;
    private final List<Group> groups = new ArrayList<>();
    private int relayedUpTo;
    private int loadedUpTo;
    private int computedUpTo;
    // a tail's: its first row, and the compute -> load signal that all its rows are stored (-1: not yet)
    private int tailFrom = -1;
    private int tailStored = -1;

    /**
     * A norm of {@code h}-element rows of the FP32 {@code x} into {@code norm}, in groups of
     * {@code group} rows ({@link #group}), its vector words from {@code vBase} and its activation
     * words from {@code aBase}; loads the gain now.
     */
    NormEpilogue(Emitter e, CoreConfig c, int h, long x, GemmPhase.Norm norm, int group, int vBase, int aBase) {
        this.e = e;
        this.c = c;
        this.h = h;
        this.x = x;
        this.norm = norm;
        this.group = group;
        hw = GemmTiling.ceil(h, c.lanes());
        hwa = GemmTiling.ceil(h, c.rows());
        gain = vBase;
        vSlots = vBase + hw;
        aSlots = aBase;
        e.emit(Dmas.load(c, Space.VMEM, gain * c.lanes(), norm.gain(), h));
    }

    /**
     * The most rows per group, up to {@link #MAX_GROUP}, whose slots fit past vector word
     * {@code vBase} and activation word {@code aBase}; 0 when not even one row's do.
     */
    static int group(CoreConfig c, int h, int vBase, int aBase) {
        int hw = GemmTiling.ceil(h, c.lanes());
        int hwa = GemmTiling.ceil(h, c.rows());
        for (int g = MAX_GROUP; g >= 1; g /= 2) {
            if (vBase + hw + 2 * g * hw <= c.vDepth() && aBase + 2 * g * hwa <= c.aDepth()) {
                return g;
            }
        }
        return 0;
    }

    /**
     * Takes over {@code tail}: its rows up to {@code t} are in HBM already; the loads of the
     * pipeline it runs beside wait for them with {@link #awaitRows}.
     */
    void take(Tail tail, int t) {
        tailFrom = tail.from();
        addGroups(tail.from(), t, -1, NO_RELAY);
        relayedUpTo = groups.size();
    }

    /**
     * The next load of the pipeline waits until the rows before {@code end} are normalized and
     * stored (a tail's; nothing for the residual's own norm): the groups left are done now if the
     * steps so far did not get to them.
     */
    void awaitRows(int end) {
        if (tailFrom < 0 || end <= tailFrom) {
            return;
        }
        if (tailStored < 0) {
            finish();
            e.waitUntil(IssueQueue.COMPUTE, IssueQueue.STORE, groups.get(groups.size() - 1).stored);
            e.emit(new Sync(IssueQueue.COMPUTE, Deps.NONE));
            tailStored = e.signal(IssueQueue.COMPUTE, IssueQueue.LOAD);
        }
        e.waitUntil(IssueQueue.LOAD, IssueQueue.COMPUTE, tailStored);
    }

    /**
     * Ends the residual's part: the groups loaded are finished, the rest left to the next
     * pipeline (the rows of the last tile of tokens, whose stores ended the residual's tiles).
     */
    Tail leave(int t) {
        while (computedUpTo < loadedUpTo) {
            compute(2, false);
        }
        return new Tail(norm, x, h, loadedUpTo < groups.size() ? groups.get(loadedUpTo).row0 : t);
    }

    /** Rows {@code m0 .. m0+mt-1} of {@code x} are stored once store signal {@code signal} has come. */
    void rowsStored(int m0, int mt, int signal) {
        addGroups(m0, m0 + mt, signal, -1);
    }

    /** Groups of rows {@code from .. to-1}, their x stored by {@code xStored} and relayed by {@code relayed} (-1: not yet). */
    private void addGroups(int from, int to, int xStored, int relayed) {
        for (int r = from; r < to; r += group) {
            Group g = new Group(groups.size(), r, Math.min(group, to - r));
            g.xStored = xStored;
            g.relayed = relayed;
            groups.add(g);
        }
    }

    /** The load queue's part, after a step's own loads: the groups whose slots and rows are ready. */
    void loads() {
        while (loadedUpTo < groups.size() && loadedUpTo - computedUpTo < 2) {
            Group g = groups.get(loadedUpTo);
            Group before = g.index >= 2 ? groups.get(g.index - 2) : null;
            if (g.relayed == -1 || (before != null && before.computed < 0)) {
                return;
            }
            if (g.relayed >= 0) {
                e.waitUntil(IssueQueue.LOAD, IssueQueue.COMPUTE, g.relayed);
            }
            if (before != null) {
                e.waitUntil(IssueQueue.LOAD, IssueQueue.COMPUTE, before.computed);
            }
            e.emit(Dmas.load(c, Space.VMEM, vSlot(g) * c.lanes(), x + 4L * h * g.row0, g.rows, h, 4L * h,
                    hw * c.lanes()));
            g.loaded = e.signal(IssueQueue.LOAD, IssueQueue.COMPUTE);
            loadedUpTo++;
        }
    }

    /**
     * The compute queue's part, placed where its rows run beside a GEMM: the loaded groups' rows (at
     * most {@code most}), the relay of the tiles stored since, one SYNC for their signals, then
     * the groups' stores.
     */
    void compute(int most) {
        compute(most, true);
    }

    private void compute(int most, boolean relaying) {
        if (beforeSync(most, relaying)) {
            e.emit(new Sync(IssueQueue.COMPUTE, Deps.NONE));
            afterSync(e.signal(IssueQueue.COMPUTE, IssueQueue.LOAD), -1);
        }
    }

    // the groups whose rows and relays went out before the SYNC that will carry their signals
    private final List<Group> done = new ArrayList<>();
    private final List<Group> relay = new ArrayList<>();
    private boolean tailEnds;

    /**
     * The rows of the loaded groups (at most {@code most}) and the relay's pop, for a SYNC the
     * caller emits next (its pipeline's own, or {@link #compute}'s); then {@link #afterSync}.
     *
     * @return whether there is anything for the SYNC to signal
     */
    boolean beforeSync(int most) {
        return beforeSync(most, true);
    }

    private boolean beforeSync(int most, boolean relaying) {
        while (computedUpTo < loadedUpTo && done.size() < most) {
            Group g = groups.get(computedUpTo++);
            e.waitUntil(IssueQueue.COMPUTE, IssueQueue.LOAD, g.loaded);
            if (g.index >= 2) {
                e.waitUntil(IssueQueue.COMPUTE, IssueQueue.STORE, groups.get(g.index - 2).stored);
            }
            for (int r = 0; r < g.rows; r++) {
                int in = vSlot(g) + r * hw;
                NormRow.emit(e, c, in, in, gain, aSlot(g) + r * hwa, h);
            }
            done.add(g);
        }
        for (; relaying && relayedUpTo < groups.size(); relayedUpTo++) {
            relay.add(groups.get(relayedUpTo));
        }
        // a tail whose last group's store went out before: its rows' loads need not wait any longer
        Group last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
        tailEnds = tailFrom >= 0 && tailStored < 0 && computedUpTo == groups.size() && last != null
                && !done.contains(last);
        int popStore = relay.isEmpty() ? -1 : relay.get(relay.size() - 1).xStored;
        if (tailEnds) {
            popStore = Math.max(popStore, last.stored);
        }
        if (popStore >= 0) {   // the pop goes on the SYNC: the rows above do not wait for it
            e.waitUntil(IssueQueue.COMPUTE, IssueQueue.STORE, popStore);
        }
        return !done.isEmpty() || !relay.isEmpty() || tailEnds;
    }

    /**
     * The SYNC after {@link #beforeSync} has signalled the load queue with {@code free} and (unless
     * -1) the store queue with {@code ready}: the groups' signals, then their stores.
     */
    void afterSync(int free, int ready) {
        relay.forEach(g -> g.relayed = free);
        done.forEach(g -> g.computed = free);
        if (tailEnds) {
            tailStored = free;
        }
        if (!done.isEmpty()) {
            int r = ready >= 0 ? ready : e.signal(IssueQueue.COMPUTE, IssueQueue.STORE);
            for (Group g : done) {
                e.waitUntil(IssueQueue.STORE, IssueQueue.COMPUTE, r);
                e.emit(Dmas.store(c, Space.ACT, aSlot(g) * c.rows(), norm.out() + (long) c.elementBytes() * h * g.row0,
                        g.rows, h, (long) c.elementBytes() * h, hwa * c.rows()));
                g.stored = e.signal(IssueQueue.STORE, IssueQueue.COMPUTE);
            }
        }
        done.clear();
        relay.clear();
        tailEnds = false;
    }

    /** The groups still to do, one at a time, the next loads ahead of each. */
    void finish() {
        while (computedUpTo < groups.size()) {
            compute(1);
            loads();
        }
    }

    private int vSlot(Group g) {
        return vSlots + (g.index & 1) * group * hw;
    }

    private int aSlot(Group g) {
        return aSlots + (g.index & 1) * group * hwa;
    }
}
