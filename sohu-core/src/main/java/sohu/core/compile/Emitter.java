package sohu.core.compile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import sohu.core.isa.Deps;
import sohu.core.isa.Instruction;
import sohu.core.isa.Program;
import sohu.core.isa.IssueQueue;
import sohu.core.isa.Sync;

/**
 * Builds a program and keeps its dependency tokens balanced. {@link #signal} marks "the work
 * emitted so far in queue {@code from} is done" (a push on that queue's last instruction, or a
 * SYNC carrying it); {@link #waitFor} makes the next instruction of queue {@code to} pop it. A
 * {@link #barrier} orders everything before it against everything after it and absorbs any
 * tokens still in flight, so every push has its pop when {@link #finish} returns the program.
 */
final class Emitter {
    private final List<Instruction> out = new ArrayList<>();
    private final int[] last = {-1, -1, -1};
    private final int[][] outstanding = new int[3][3];   // [from][to] pushed and not yet claimed by a waitFor
    private final int[][] signalled = new int[3][3];     // [from][to] signals so far
    private final int[][] pending = new int[3][3];       // [to][from] pops for the next instruction of 'to'
    private final List<Phase> phases = new ArrayList<>();
    private final ArrayDeque<Runnable> spread = new ArrayDeque<>();
    private int spreadEvery;
    private int sinceSpread;
    private boolean inSpread;

    /** Appends an instruction to its queue, giving it the pops waiting for that queue. */
    void emit(Instruction i) {
        IssueQueue q = i.queue();
        Deps d = i.deps();
        for (IssueQueue from : IssueQueue.values()) {
            int n = pending[q.ordinal()][from.ordinal()];
            for (; n > 1; n--) {
                append(new Sync(q, Deps.NONE.withPop(q, from)));
            }
            if (n == 1) {
                d = d.withPop(q, from);
            }
            pending[q.ordinal()][from.ordinal()] = 0;
        }
        append(i.withDeps(d));
        if (!inSpread && !spread.isEmpty() && ++sinceSpread >= spreadEvery) {
            sinceSpread = 0;
            runSpread();
        }
    }

    /**
     * Slips {@code items} (each emits a few instructions, say one LOAD) in among the next
     * {@code over} instructions emitted, one every {@code over / items} of them, instead of all at
     * once. The core dispatches in program order and a queue takes only a few instructions ahead,
     * so a long run of one queue's instructions would hold back the others' until it has started;
     * spread out, each queue's work reaches it while the other queue's runs. Every item has run
     * when {@link #flushSpread} returns.
     */
    void spread(List<Runnable> items, int over) {
        flushSpread();
        spread.addAll(items);
        spreadEvery = Math.max(1, over / Math.max(1, items.size()));
        sinceSpread = 0;
    }

    /**
     * Queues {@code items} behind what {@link #spread} or an earlier stream still holds, one every
     * {@code every} instructions emitted from now on: a stream of one queue's work (a tile's STOREs
     * and their signal) that runs on beside the instructions emitted meanwhile.
     */
    void stream(List<Runnable> items, int every) {
        spread.addAll(items);
        spreadEvery = Math.max(1, every);
    }

    /** Runs spread or streamed items while {@code condition} holds (or until none are left). */
    void drainWhile(java.util.function.BooleanSupplier condition) {
        while (condition.getAsBoolean() && !spread.isEmpty()) {
            runSpread();
        }
    }

    /** Emits what {@link #spread} still holds. */
    void flushSpread() {
        while (!spread.isEmpty()) {
            runSpread();
        }
    }

    private void runSpread() {
        inSpread = true;
        spread.poll().run();
        inSpread = false;
    }

    private void append(Instruction i) {
        last[i.queue().ordinal()] = out.size();
        out.add(i);
    }

    private boolean hasPending(IssueQueue q) {
        for (int n : pending[q.ordinal()]) {
            if (n > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * IssueQueue {@code from}'s work so far is done, for queue {@code to} (a neighbour); returns the
     * signal's number among {@code from}'s signals to {@code to} (0 first), for {@link #waitUntil}.
     */
    int signal(IssueQueue from, IssueQueue to) {
        if (from.next() != to && from.prev() != to) {
            throw new IllegalStateException("tokens only flow between neighbouring queues: " + from + " -> " + to);
        }
        int li = last[from.ordinal()];
        if (li >= 0 && !hasPending(from) && !out.get(li).deps().pushes(from, to)) {
            Instruction i = out.get(li);
            out.set(li, i.withDeps(i.deps().withPush(from, to)));
        } else {
            emit(new Sync(from, Deps.NONE.withPush(from, to)));
        }
        outstanding[from.ordinal()][to.ordinal()]++;
        return signalled[from.ordinal()][to.ordinal()]++;
    }

    /**
     * The next instruction of {@code to} waits until signal {@code n} of {@code from} (a number
     * {@link #signal} returned) has come, claiming every earlier one not yet claimed: tokens are
     * counted, and pushes come in program order, so the n-th one means all of {@code from}'s work
     * before signal {@code n} is done. Nothing to wait for when it was claimed already.
     */
    void waitUntil(IssueQueue to, IssueQueue from, int n) {
        if (n >= signalled[from.ordinal()][to.ordinal()]) {
            throw new IllegalStateException("compiler: waiting for " + from + " -> " + to + " signal " + n + " not yet signalled");
        }
        while (signalled[from.ordinal()][to.ordinal()] - outstanding[from.ordinal()][to.ordinal()] <= n) {
            waitFor(to, from);
        }
    }

    /** The next instruction of {@code to} waits for one signal from {@code from}. */
    void waitFor(IssueQueue to, IssueQueue from) {
        if (outstanding[from.ordinal()][to.ordinal()] == 0) {
            throw new IllegalStateException("compiler: waiting for a " + from + " -> " + to + " token nobody signals");
        }
        outstanding[from.ordinal()][to.ordinal()]--;
        pending[to.ordinal()][from.ordinal()]++;
    }

    /** Everything emitted before happens before everything emitted after. */
    void barrier() {
        flushSpread();
        for (IssueQueue from : IssueQueue.values()) {
            for (IssueQueue to : IssueQueue.values()) {
                while (outstanding[from.ordinal()][to.ordinal()] > 0) {
                    waitFor(to, from);
                }
            }
        }
        signal(IssueQueue.LOAD, IssueQueue.COMPUTE);
        signal(IssueQueue.STORE, IssueQueue.COMPUTE);
        waitFor(IssueQueue.COMPUTE, IssueQueue.LOAD);
        waitFor(IssueQueue.COMPUTE, IssueQueue.STORE);
        emit(new Sync(IssueQueue.COMPUTE, Deps.NONE));
        signal(IssueQueue.COMPUTE, IssueQueue.LOAD);
        signal(IssueQueue.COMPUTE, IssueQueue.STORE);
        waitFor(IssueQueue.LOAD, IssueQueue.COMPUTE);
        waitFor(IssueQueue.STORE, IssueQueue.COMPUTE);
    }

    /** The program, ended by a barrier whose last pops are carried by SYNCs. */
    Program finish() {
        barrier();
        for (IssueQueue q : IssueQueue.values()) {
            if (hasPending(q)) {
                emit(new Sync(q, Deps.NONE));
            }
        }
        return new Program(out);
    }

    /** Names the instructions emitted from now on (until the next phase), for the cycle breakdown. */
    void phase(String name) {
        phases.add(new Phase(name, out.size()));
    }

    /** The phases named so far, in program order. */
    List<Phase> phases() {
        return List.copyOf(phases);
    }

    /** Instructions emitted so far. */
    int size() {
        return out.size();
    }
}
