package sohu.core.soc.rtl;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.Bundle;
import static sohu.hdl.Types.Stream;
import static sohu.hdl.Types.UInt;
import static sohu.hdl.Types.Vec;

import sohu.core.isa.Opcode;
import sohu.core.isa.IssueQueue;
import sohu.core.soc.SequencerConfig;
import sohu.hdl.Bool;
import sohu.hdl.Bundle;
import sohu.hdl.Elaborator;
import sohu.hdl.Hw;
import sohu.hdl.HwType;
import sohu.hdl.Module;
import sohu.hdl.Stream;
import sohu.hdl.Types;
import sohu.hdl.UInt;
import sohu.hdl.Vec;
import sohu.hdl.ir.Circuit;
import sohu.hdl.lib.Streams;

/**
 * The sequencer of one SohuCore (docs/ISA.md, "Queues and dependency tokens"): it takes a
 * program's 128-bit instructions in order from the {@code insn} stream, hands each to the load,
 * compute or store queue, and lets each queue start its instructions in its order once the tokens
 * their pop flags name are there; when the engine reports an instruction done, the queue pushes the
 * tokens its push flags name. The load and store queues have up to
 * {@link SequencerConfig#dmaInFlight()} instructions in flight each, which retire in the order they
 * started (their engine reports them done in that order). The compute queue has one foreground
 * instruction (VECTOR, MOVE, SCALAR or SYNC) in flight and beside it one GEMM in the background,
 * in the GEMM slot: a started GEMM leaves the queue, so the instructions behind it start while the
 * matrix engine runs it, except that a GEMM, and any instruction with a push flag, waits until the
 * slot is free (until the GEMM in it retires, which may be in the same cycle); so the pushes into
 * each token queue stay in program order and a token still means "everything before my pusher in
 * its queue is done". A GEMM starts only once the foreground instruction before it has retired
 * (in that cycle at the latest). SYNC instructions run inside the sequencer.
 *
 * <p>Ports. {@code start} (a pulse while not {@code busy}) with {@code count} begins a program of
 * {@code count} instructions, which then arrive on {@code insn} ({@code lo} is bits 0..63;
 * fetching them from HBM over AXI is a later block that feeds this stream). For each queue
 * {@code q} in {@code load}, {@code compute}, {@code store}: {@code q_issue} (out) offers the next
 * instruction with its program index, {@code q_done} (in, a pulse at least one cycle after the
 * issue) ends it; {@code q_start}/{@code q_start_index} and {@code q_retire}/{@code q_retire_index}
 * pulse when any instruction (SYNC too) starts and when it pushes its tokens and leaves;
 * {@code q_head_valid}/{@code q_head_index} name the instruction waiting at the head. The compute
 * queue offers GEMMs on {@code compute_issue} too, but {@code compute_done} ends only its
 * foreground instructions and {@code compute_retire} reports only theirs; {@code gemm_done} (in, a
 * pulse at least one cycle after the GEMM's issue) ends the GEMM in the slot, and
 * {@code gemm_retire}/{@code gemm_retire_index} pulse when it pushes its tokens and leaves the slot
 * ({@code compute_start} reports every start, GEMMs included). {@code busy}
 * is high from {@code start} until every instruction has retired, then {@code done} stays high
 * until the next start. {@code deadlock} is high when nothing can ever happen again (every queue
 * waits for tokens that no running instruction will push, and the next instruction cannot enter
 * its queue or there is none): the program was not well formed. {@code error} is non-zero (1 an
 * unknown opcode, 2 a SYNC for queue 3, 3 a token flag naming a queue the instruction's queue does
 * not have) when instruction {@code error_index} was refused; the sequencer stops taking
 * instructions then. {@code tok_*} are the four token counters; the {@code cnt_*} counters
 * (cycles busy, per queue the cycles an instruction is in flight, for compute a foreground one or a
 * GEMM or both, and the cycles its head could start but waits for tokens) restart at {@code start}.
 *
 * <p>Timing: an instruction enters its queue the cycle it is accepted and can start the next
 * cycle; a done retires the instruction and pushes its tokens in the same cycle (unless a counter
 * is full: then the push waits), and the queue's next instruction may start in that same cycle
 * (with an engine that takes it then, back-to-back instructions leave no gap); a popper sees a
 * token the cycle after it is pushed. A SYNC starts and retires in consecutive cycles. A GEMM's
 * {@code gemm_done} retires it likewise (pushing at once unless a counter is full); the
 * instruction behind a GEMM may start the cycle after the GEMM's start, and one waiting for the
 * slot may start in the cycle the GEMM retires. {@code deadlock} counts a GEMM in flight as
 * progress, and a GEMM stuck pushing into a full counter as stuck, as a foreground instruction.
 */
public final class Sequencer extends Module {
    private static final int IDLE = 0;
    private static final int BUSY = 1;
    private static final int PUSH = 2;
    private static final int COUNTER_BITS = 32;
    private static final int IX = SequencerConfig.INDEX_BITS;

    /** Elaborates the sequencer. */
    public static Circuit elaborate(SequencerConfig cfg) {
        return Elaborator.elaborate(Sequencer.class, cfg);
    }

    /** The payload of {@code insn}: the instruction's two halves. */
    static HwType.BundleType word() {
        return Bundle("lo", UInt(64), "hi", UInt(64));
    }

    /** The payload of an issue port and of a queue entry: the instruction and its program index. */
    static HwType.BundleType entry() {
        return Bundle("lo", UInt(64), "hi", UInt(64), "index", UInt(IX));
    }

    /** One token counter: its value and the pop and push strobes the queues drive. */
    private record Counter(UInt value, Bool pop, Bool push, Bool avail, Bool room) { }

    /** What a queue tells the dispatcher and the deadlock detector. */
    private record QueueState(Bool empty, Bool stuck) { }

    /** Builds the sequencer. */
    public Sequencer(SequencerConfig cfg) {
        name("Sequencer_q" + cfg.queueDepth() + "_t" + cfg.tokenBits() + (cfg.dmaInFlight() > 1 ? "_f" + cfg.dmaInFlight() : ""));
        Bool start = input("start", Bool());
        UInt count = input("count", UInt(IX));
        Stream<Bundle> insn = streamIn("insn", word());
        Bool busyOut = output("busy", Bool());
        Bool doneOut = output("done", Bool());
        Bool deadlockOut = output("deadlock", Bool());
        UInt errorOut = output("error", UInt(2));
        UInt errorIndexOut = output("error_index", UInt(IX));

        Bool running = reg("running", Bool(), 0);
        Bool finishedReg = reg("finished", Bool(), 0);
        UInt total = reg("total", UInt(IX), 0);
        UInt fetched = reg("fetched", UInt(IX), 0);
        UInt error = reg("error_q", UInt(2), 0);
        UInt errorIndex = reg("error_index_q", UInt(IX), 0);
        Bool begin = named("program_start", start.and(running.not()));

        // ---- the four token counters: load->compute, compute->load, compute->store, store->compute
        Counter lc = counter("tok_lc", cfg, begin);
        Counter cl = counter("tok_cl", cfg, begin);
        Counter cs = counter("tok_cs", cfg, begin);
        Counter sc = counter("tok_sc", cfg, begin);

        // ---- dispatch: decode the opcode (and a SYNC's queue) and the flags, check them, enqueue
        UInt lo = insn.payload().uint("lo");
        UInt op = lo.slice(3, 0);
        UInt syncQueue = lo.slice(9, 8);
        UInt target = named("target", Hw.mux(op.eq(Opcode.SYNC.ordinal()), syncQueue,
                Hw.mux(op.eq(Opcode.LOAD.ordinal()), uint(IssueQueue.LOAD.ordinal(), 2),
                        Hw.mux(op.eq(Opcode.STORE.ordinal()), uint(IssueQueue.STORE.ordinal(), 2), uint(IssueQueue.COMPUTE.ordinal(), 2)))));
        Bool prevFlag = lo.bit(4).or(lo.bit(6));
        Bool nextFlag = lo.bit(5).or(lo.bit(7));
        UInt check = named("check", Hw.mux(op.ge(Opcode.values().length), uint(1, 2),
                Hw.mux(op.eq(Opcode.SYNC.ordinal()).and(syncQueue.eq(3)), uint(2, 2),
                        Hw.mux(target.eq(IssueQueue.LOAD.ordinal()).and(prevFlag)
                                .or(target.eq(IssueQueue.STORE.ordinal()).and(nextFlag)), uint(3, 2), uint(0, 2)))));
        Bool offering = named("offering", running.and(fetched.ne(total)).and(error.eq(0)).and(insn.valid()));
        Bool[] enqReady = new Bool[3];
        Stream<Bundle>[] heads = queues(cfg, insn, offering.and(check.eq(0)), target, fetched, enqReady);
        insn.ready().set(running.and(fetched.ne(total)).and(error.eq(0)).and(check.eq(0))
                .and(Hw.mux(target.eq(0), enqReady[0], Hw.mux(target.eq(1), enqReady[1], enqReady[2]))));
        when(insn.fire(), () -> fetched.set(fetched.addWrap(1)));
        when(offering.and(check.ne(0)), () -> {
            error.set(check);
            errorIndex.set(fetched);
        });

        // ---- the three queues
        Bool no = bool(false);
        int n = cfg.dmaInFlight();
        QueueState ld = queueLogic(IssueQueue.LOAD, n, heads[0], begin,
                new Links(no, cl.avail(), null, cl.pop(), no, lc.room(), null, lc.push()));
        QueueState cp = computeLogic(heads[1], begin,
                new Links(lc.avail(), sc.avail(), lc.pop(), sc.pop(), cl.room(), cs.room(), cl.push(), cs.push()));
        QueueState st = queueLogic(IssueQueue.STORE, n, heads[2], begin,
                new Links(cs.avail(), no, cs.pop(), null, sc.room(), no, sc.push(), null));

        // ---- program state and counters
        Bool allFetched = fetched.eq(total);
        Bool allEmpty = ld.empty().and(cp.empty()).and(st.empty());
        Bool finish = named("finish", running.and(allFetched).and(allEmpty));
        Bool dispatchStuck = allFetched.or(error.ne(0)).or(insn.valid().and(insn.ready().not()));
        deadlockOut.set(running.and(finish.not()).and(ld.stuck()).and(cp.stuck()).and(st.stuck()).and(dispatchStuck));
        when(begin, () -> {
            running.set(true);
            finishedReg.set(false);
            total.set(count);
            fetched.set(0);
            error.set(0);
        }).elseWhen(finish, () -> {
            running.set(false);
            finishedReg.set(true);
        });
        busyOut.set(running);
        doneOut.set(finishedReg);
        errorOut.set(error);
        errorIndexOut.set(errorIndex);
        UInt cycles = reg("cnt_cycles_q", UInt(COUNTER_BITS), 0);
        when(begin, () -> cycles.set(0)).elseWhen(running, () -> cycles.set(cycles.addWrap(1)));
        output("cnt_cycles", UInt(COUNTER_BITS)).set(cycles);
    }

    private Counter counter(String name, SequencerConfig cfg, Bool clear) {
        UInt v = reg(name + "_q", UInt(cfg.tokenBits()), 0);
        Bool pop = wire(name + "_pop", Bool());
        Bool push = wire(name + "_push", Bool());
        when(clear, () -> v.set(0))
                .elseWhen(push.and(pop.not()), () -> v.set(v.addWrap(1)))
                .elseWhen(pop.and(push.not()), () -> v.set(v.subWrap(1)));
        assertThat(pop.not().or(v.ne(0)), name + ": a pop with no token");
        output(name, UInt(cfg.tokenBits())).set(v);
        return new Counter(v, pop, push, v.ne(0), v.ne(cfg.maxTokens()));
    }

    /** The three instruction queues, filled from {@code insn}; returns their heads. */
    @SuppressWarnings("unchecked")
    private Stream<Bundle>[] queues(SequencerConfig cfg, Stream<Bundle> insn, Bool valid, UInt target, UInt index,
                                    Bool[] enqReady) {
        Stream<Bundle>[] heads = new Stream[3];
        for (IssueQueue q : IssueQueue.values()) {
            int i = q.ordinal();
            Stream<Bundle> enq = wire(q.tag() + "_enq", Stream(entry()));
            enq.valid().set(valid.and(target.eq(i)));
            enq.payload().get("lo").set(insn.payload().uint("lo"));
            enq.payload().get("hi").set(insn.payload().uint("hi"));
            enq.payload().get("index").set(index);
            heads[i] = Streams.queue(q.tag() + "_fifo", enq, cfg.queueDepth());
            enqReady[i] = enq.ready();
        }
        return heads;
    }

    /**
     * The counters around one queue as its issue logic sees them: whether a token is there to pop
     * from the previous and the next queue and the pop strobes, whether the counters it pushes to
     * have room and the push strobes. A null strobe means the queue has no such neighbour (its flag
     * is refused at dispatch, so the matching state is never looked at).
     */
    private record Links(Bool availPrev, Bool availNext, Bool popPrev, Bool popNext,
                         Bool roomPrev, Bool roomNext, Bool pushPrev, Bool pushNext) { }

    /**
     * A load or store queue's issue logic, with up to {@code inFlight} instructions started and not
     * yet retired ({@link #inFlightLogic} when more than one, else {@link #oneLogic}).
     */
    private QueueState queueLogic(IssueQueue q, int inFlight, Stream<Bundle> head, Bool clear, Links l) {
        Ports p = ports(q, head);
        return inFlight > 1 ? inFlightLogic(p, inFlight, head, clear, l) : oneLogic(p, head, clear, l);
    }

    /**
     * Room for one instruction in flight: idle, busy until {@code done}, then pushing the tokens its
     * push flags name (at once unless a counter it pushes to is full, then when it has room).
     *
     * @param state       {@code IDLE}, {@code BUSY} or {@code PUSH}
     * @param pushPrev    the instruction's push flag to the previous queue (bit 6)
     * @param pushNext    its push flag to the next queue (bit 7)
     * @param current     its program index
     * @param idle        nothing in flight
     * @param finishing   done this cycle or waiting to push
     * @param retire      pushing and leaving this cycle
     * @param free        idle or retiring: an instruction may enter this cycle
     * @param stuck       idle, or waiting for a full counter (no engine will change it)
     * @param pushingPrev the push strobe into the previous queue's counter
     * @param pushingNext the push strobe into the next queue's counter
     */
    private record Slot(UInt state, Bool pushPrev, Bool pushNext, UInt current, Bool idle, Bool finishing, Bool retire,
                        Bool free, Bool stuck, Bool pushingPrev, Bool pushingNext) { }

    /** A {@link Slot} whose registers are named {@code <name>_*}, ended by {@code done}; {@code what} names it in the assertion. */
    private Slot slot(String name, Bool done, Links l, String what) {
        return slot(name, done, l, what, bool(true));
    }

    /** A {@link Slot} that retires only while {@code gate} is high (a younger GEMM behind an older one still pushing). */
    private Slot slot(String name, Bool done, Links l, String what, Bool gate) {
        UInt state = reg(name + "_state", UInt(2), IDLE);
        Bool pushPrev = reg(name + "_push_prev", Bool(), 0);
        Bool pushNext = reg(name + "_push_next", Bool(), 0);
        UInt current = reg(name + "_current", UInt(IX), 0);
        Bool idle = state.eq(IDLE);
        Bool finishing = named(name + "_finishing", state.eq(BUSY).and(done).or(state.eq(PUSH)));
        Bool room = named(name + "_room", pushPrev.not().or(l.roomPrev()).and(pushNext.not().or(l.roomNext())));
        Bool retire = named(name + "_retire_now", finishing.and(room).and(gate));
        // the next instruction may enter in the cycle the previous one retires: no bubble between them
        Bool free = named(name + "_free", idle.or(retire));
        assertThat(done.not().or(state.eq(BUSY)), what);
        Bool stuck = idle.or(state.eq(PUSH).and(room.and(gate).not()));
        return new Slot(state, pushPrev, pushNext, current, idle, finishing, retire, free, stuck,
                retire.and(pushPrev), retire.and(pushNext));
    }

    /** Puts the head into {@code s} on {@code go} (a SYNC straight to pushing) and moves it on as its done and pushes come. */
    private void fill(Slot s, Bool clear, Bool go, Bool isSync, Stream<Bundle> head) {
        UInt lo = head.payload().uint("lo");
        when(clear, () -> s.state().set(IDLE)).elseWhen(go, () -> {
            s.state().set(Hw.mux(isSync, uint(PUSH, 2), uint(BUSY, 2)));
            s.pushPrev().set(lo.bit(6));
            s.pushNext().set(lo.bit(7));
            s.current().set(head.payload().uint("index"));
        }).elseWhen(s.retire(), () -> s.state().set(IDLE))
                .elseWhen(s.finishing(), () -> s.state().set(PUSH));
    }

    /** One instruction in flight: the head starts when the {@link Slot} is free. */
    private QueueState oneLogic(Ports p, Stream<Bundle> head, Bool clear, Links l) {
        String t = p.tag();
        Slot s = slot(t, p.done(), l, t + "_done while no " + t + " instruction is in flight");
        pushes(l, s.pushingPrev(), s.pushingNext());
        Bool tokens = tokens(t, p.lo(), l);
        Bool go = starts(t, head, p.issue(), s.free(), tokens, p.isSync(), l);
        fill(s, clear, go, p.isSync(), head);
        reports(t, clear, head, go, s.retire(), s.current(), s.idle().not(), s.free(), tokens);
        Bool canStart = s.free().and(head.valid()).and(tokens);
        return new QueueState(s.idle().and(head.valid().not()), s.stuck().and(canStart.not()));
    }

    /**
     * The compute queue: one foreground instruction (VECTOR, MOVE, SCALAR or SYNC) in flight, ended
     * by {@code compute_done}, and beside it the GEMM slot, one GEMM ended by {@code gemm_done}. A
     * GEMM leaves the queue when it starts, so the instructions behind it run while the array does.
     * A GEMM, and any instruction with a push flag, waits until the slot is free (its GEMM retires
     * that cycle at the latest): the pushes into each token queue stay in program order, so a token
     * still means "everything before my pusher in its queue is done", and the GEMM and a foreground
     * instruction never push in the same cycle.
     */
    private QueueState computeLogic(Stream<Bundle> head, Bool clear, Links l) {
        Ports p = ports(IssueQueue.COMPUTE, head);
        String t = p.tag();
        UInt lo = p.lo();
        Bool gemmDone = input("gemm_done", Bool());
        Slot fg = slot(t, p.done(), l, t + "_done while no foreground " + t + " instruction is in flight");
        // two GEMM slots, filled in turn; a done ends the older one still running, and only the
        // older of the two retires (pushes), so GEMMs retire in the order they started
        Bool oldest = reg("gemm_oldest", Bool(), 0);
        Bool next = reg("gemm_next", Bool(), 0);
        Bool done0 = wire("gemm_done_0", Bool());
        Bool done1 = wire("gemm_done_1", Bool());
        Bool gate0 = wire("gemm_gate_0", Bool());
        Bool gate1 = wire("gemm_gate_1", Bool());
        Slot g0 = slot("gemm0", done0, l, "gemm_done while no GEMM is in flight", gate0);
        Slot g1 = slot("gemm1", done1, l, "gemm_done while no GEMM is in flight", gate1);
        Bool running0 = named("gemm0_running", g0.state().eq(BUSY));
        Bool running1 = named("gemm1_running", g1.state().eq(BUSY));
        Bool to0 = named("gemm_done_to_0", Hw.mux(oldest, running0.and(running1.not()), running0));
        done0.set(gemmDone.and(to0));
        done1.set(gemmDone.and(to0.not()));
        gate0.set(oldest.not().or(g1.idle()));
        gate1.set(oldest.or(g0.idle()));
        assertThat(gemmDone.not().or(running0.or(running1)), "gemm_done while no GEMM is in flight");
        Bool gemmRetire = named("gemm_retire_now", g0.retire().or(g1.retire()));
        pushes(l, fg.pushingPrev().or(g0.pushingPrev()).or(g1.pushingPrev()),
                fg.pushingNext().or(g0.pushingNext()).or(g1.pushingNext()));
        Bool gemmPushes = g0.pushingPrev().or(g0.pushingNext()).or(g1.pushingPrev()).or(g1.pushingNext());
        assertThat(fg.pushingPrev().or(fg.pushingNext()).and(gemmPushes).not(),
                "a GEMM and a foreground " + t + " instruction push in the same cycle");

        Bool isGemm = named(t + "_is_gemm", lo.slice(3, 0).eq(Opcode.GEMM.ordinal()));
        Bool pushing = named(t + "_pushes", lo.bit(6).or(lo.bit(7)));
        Bool gemmRoom = named(t + "_gemm_room", Hw.mux(next, g1.free(), g0.free()));
        Bool noGemm = named(t + "_no_gemm", g0.free().and(g1.free()));
        // a GEMM needs a free GEMM slot; any other instruction with a push flag, every GEMM retired
        Bool free = named(t + "_head_free", fg.free().and(Hw.mux(isGemm, gemmRoom, pushing.not().or(noGemm))));
        Bool tokens = tokens(t, lo, l);
        Bool go = starts(t, head, p.issue(), free, tokens, p.isSync(), l);
        Bool goGemm = named(t + "_go_gemm", go.and(isGemm));
        fill(fg, clear, go.and(isGemm.not()), p.isSync(), head);
        fill(g0, clear, goGemm.and(next.not()), bool(false), head);
        fill(g1, clear, goGemm.and(next), bool(false), head);
        when(clear, () -> {
            oldest.set(false);
            next.set(false);
        }).otherwise(() -> {
            when(goGemm, () -> next.set(next.not()));
            when(gemmRetire, () -> oldest.set(oldest.not()));
        });

        // busy while any runs: the union, not the sum
        Bool gemmIdle = named("gemm_idle", g0.idle().and(g1.idle()));
        reports(t, clear, head, go, fg.retire(), fg.current(), fg.idle().and(gemmIdle).not(), free, tokens);
        output("gemm_retire", Bool()).set(gemmRetire);
        output("gemm_retire_index", UInt(IX)).set(Hw.mux(g0.retire(), g0.current(), g1.current()));

        Bool canStart = free.and(head.valid()).and(tokens);
        return new QueueState(fg.idle().and(gemmIdle).and(head.valid().not()),
                fg.stuck().and(g0.stuck()).and(g1.stuck()).and(canStart.not()));
    }

    /**
     * Up to {@code n} instructions in flight: each start appends the instruction's push flags to a
     * ring of {@code n} entries; the engine reports its instructions done in the order it took them,
     * so the oldest entry retires (pushes its tokens) once its done has come (a SYNC's at once) and
     * the counters have room. A done that arrives while older entries wait is counted.
     */
    private QueueState inFlightLogic(Ports p, int n, Stream<Bundle> head, Bool clear, Links l) {
        String t = p.tag();
        UInt lo = p.lo();

        int pb = Types.bitsFor(n);
        int cb = Types.bitsFor(n + 1L);
        var type = Bundle("push_prev", Bool(), "push_next", Bool(), "sync", Bool(), "index", UInt(IX));
        Vec<Bundle> ring = reg(t + "_flight", Vec(type, n), 0);
        UInt oldest = reg(t + "_oldest", UInt(pb), 0);
        UInt newest = reg(t + "_newest", UInt(pb), 0);
        UInt count = reg(t + "_in_flight", UInt(cb), 0);
        UInt dones = reg(t + "_dones", UInt(cb), 0);
        Bundle old = ring.get(oldest);
        Bool any = named(t + "_any", count.ne(0));
        Bool finishing = named(t + "_finishing", any.and(old.bool("sync").or(dones.ne(0)).or(p.done())));
        Bool room = named(t + "_room", old.bool("push_prev").not().or(l.roomPrev()).and(old.bool("push_next").not().or(l.roomNext())));
        Bool retire = named(t + "_retire_now", finishing.and(room));
        pushes(l, retire.and(old.bool("push_prev")), retire.and(old.bool("push_next")));
        Bool free = named(t + "_free", count.lt(n).or(retire));
        Bool tokens = tokens(t, lo, l);
        Bool go = starts(t, head, p.issue(), free, tokens, p.isSync(), l);
        assertThat(p.done().not().or(any), t + "_done while no " + t + " instruction is in flight");

        Bundle slot = ring.get(newest);
        when(go, () -> {
            slot.get("push_prev").set(lo.bit(6));
            slot.get("push_next").set(lo.bit(7));
            slot.get("sync").set(p.isSync());
            slot.get("index").set(head.payload().uint("index"));
        });
        when(clear, () -> {
            oldest.set(0);
            newest.set(0);
            count.set(0);
            dones.set(0);
        }).otherwise(() -> {
            when(go, () -> newest.set(step(newest, n)));
            when(retire, () -> oldest.set(step(oldest, n)));
            when(go.and(retire.not()), () -> count.set(count.addWrap(1)))
                    .elseWhen(retire.and(go.not()), () -> count.set(count.subWrap(1)));
            Bool used = retire.and(old.bool("sync").not());
            when(p.done().and(used.not()), () -> dones.set(dones.addWrap(1)))
                    .elseWhen(used.and(p.done().not()), () -> dones.set(dones.subWrap(1)));
        });

        reports(t, clear, head, go, retire, old.uint("index"), any, free, tokens);

        Bool empty = any.not().and(head.valid().not());
        Bool canStart = free.and(head.valid()).and(tokens);
        Bool stuck = canStart.not().and(any.not().or(finishing.and(room.not())));
        return new QueueState(empty, stuck);
    }

    /** A queue's engine ports and the decoded head: its issue stream, done pulse, low word and whether it is a SYNC. */
    private record Ports(String tag, Stream<Bundle> issue, Bool done, UInt lo, Bool isSync) { }

    private Ports ports(IssueQueue q, Stream<Bundle> head) {
        String t = q.tag();
        Stream<Bundle> issue = streamOut(t + "_issue", entry());
        Bool done = input(t + "_done", Bool());
        UInt lo = head.payload().uint("lo");
        return new Ports(t, issue, done, lo, named(t + "_is_sync", lo.slice(3, 0).eq(Opcode.SYNC.ordinal())));
    }

    /** Whether the tokens the head pops (flags 4 and 5 of its low word) are there. */
    private Bool tokens(String t, UInt lo, Links l) {
        return named(t + "_tokens", lo.bit(4).not().or(l.availPrev()).and(lo.bit(5).not().or(l.availNext())));
    }

    /** Drives the push strobes of the queue's counters (where the queue has them): {@code prev} and {@code next}. */
    private static void pushes(Links l, Bool prev, Bool next) {
        if (l.pushPrev() != null) {
            l.pushPrev().set(prev);
        }
        if (l.pushNext() != null) {
            l.pushNext().set(next);
        }
    }

    /** Starts the head when {@code free} and its {@code tokens} are there (and its engine takes it, unless a SYNC); returns the start strobe. */
    private Bool starts(String t, Stream<Bundle> head, Stream<Bundle> issue, Bool free, Bool tokens, Bool isSync, Links l) {
        UInt lo = head.payload().uint("lo");
        Bool ready = named(t + "_ready", free.and(head.valid()).and(tokens));
        issue.valid().set(ready.and(isSync.not()));
        issue.payload().set(head.payload());
        Bool go = named(t + "_go", ready.and(isSync.or(issue.ready())));
        head.ready().set(go);
        if (l.popPrev() != null) {
            l.popPrev().set(go.and(lo.bit(4)));
        }
        if (l.popNext() != null) {
            l.popNext().set(go.and(lo.bit(5)));
        }
        return go;
    }

    /** A queue's observation ports and its busy and token-wait counters (busy while {@code busy}). */
    private void reports(String t, Bool clear, Stream<Bundle> head, Bool go, Bool retire, UInt retireIndex, Bool busy, Bool free,
                         Bool tokens) {
        output(t + "_start", Bool()).set(go);
        output(t + "_start_index", UInt(IX)).set(head.payload().uint("index"));
        output(t + "_retire", Bool()).set(retire);
        output(t + "_retire_index", UInt(IX)).set(retireIndex);
        output(t + "_head_valid", Bool()).set(head.valid());
        output(t + "_head_index", UInt(IX)).set(head.payload().uint("index"));

        UInt busyCnt = reg(t + "_busy_q", UInt(COUNTER_BITS), 0);
        UInt waitCnt = reg(t + "_wait_q", UInt(COUNTER_BITS), 0);
        when(clear, () -> busyCnt.set(0)).elseWhen(busy, () -> busyCnt.set(busyCnt.addWrap(1)));
        when(clear, () -> waitCnt.set(0)).elseWhen(free.and(head.valid()).and(tokens.not()),
                () -> waitCnt.set(waitCnt.addWrap(1)));
        output("cnt_" + t + "_busy", UInt(COUNTER_BITS)).set(busyCnt);
        output("cnt_" + t + "_token_wait", UInt(COUNTER_BITS)).set(waitCnt);
    }

    /** {@code i + 1} modulo {@code n}. */
    private UInt step(UInt i, int n) {
        return Integer.bitCount(n) == 1 ? i.addWrap(1) : Hw.mux(i.eq(n - 1), uint(0, i.width()), i.addWrap(1));
    }
}
