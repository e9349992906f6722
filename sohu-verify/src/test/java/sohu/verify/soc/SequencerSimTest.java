package sohu.verify.soc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sohu.core.compile.CoreConfig;
import sohu.core.compile.HbmImage;
import sohu.core.fp.FpFormat;
import sohu.core.golden.CostModel;
import sohu.core.golden.GoldenSimulator;
import sohu.core.isa.Deps;
import sohu.core.isa.Instruction;
import sohu.core.isa.Opcode;
import sohu.core.isa.Program;
import sohu.core.isa.IssueQueue;
import sohu.core.isa.Sync;
import sohu.core.soc.SequencerConfig;

/**
 * The Verilated sequencer running random well-formed programs against engines that take random
 * times: every start, issue, done and retire respects the queues' order and every token, and a
 * program whose pop can never be satisfied ends in a reported deadlock naming the instruction the
 * golden simulator names, never a hung testbench.
 */
class SequencerSimTest {
    static final boolean LONG = Boolean.getBoolean("sohu.long");
    private static final CoreConfig CORE = CoreConfig.of(4, FpFormat.FP32);

    /** Deep counters (no push ever waits), queues of 4, engines of 1..12 cycles, GEMMs of 1..60. */
    @Test
    void randomProgramsRespectEveryTokenAndQueueOrder() {
        runRandom(new SequencerConfig(4, 8), new SequencerHarness.Timing(0.7, 0.6, 1, 12, 1, 60), LONG ? 200 : 25, 101);
    }

    /** One-entry queues (dispatch stalls on every full queue) and slow, reluctant engines. */
    @Test
    void oneEntryQueuesAndSlowEnginesStillRespectTheOrder() {
        runRandom(new SequencerConfig(1, 8), new SequencerHarness.Timing(1.0, 0.3, 1, 40), LONG ? 100 : 12, 202);
    }

    /** Three DMA instructions in flight per DMA queue (a ring of three entries): the order and tokens still hold. */
    @Test
    void randomProgramsWithDmaInstructionsInFlightRespectTheOrder() {
        runRandom(new SequencerConfig(4, 8, 3), new SequencerHarness.Timing(0.9, 0.8, 1, 12), LONG ? 200 : 25, 303);
    }

    /**
     * Two LOADs in flight (always-ready engines, 10 cycles each): the second starts the cycle after
     * the first, while the first is in flight; the third waits for the first to retire; each retires
     * after the one before it, a SYNC behind them included, and the busy counter counts the cycles
     * any of them is in flight.
     */
    @Test
    void twoLoadsOverlapAndRetireInOrder() {
        int latency = 10;
        Random rnd = new Random(4);
        List<Instruction> l = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            l.add(RandomPrograms.engineInstruction(rnd, IssueQueue.LOAD, Deps.NONE));
        }
        l.add(new Sync(IssueQueue.LOAD, Deps.NONE));
        try (SequencerHarness h = new SequencerHarness(new SequencerConfig(8, 2, 2),
                new SequencerHarness.Timing(1, 1, latency, latency), 4)) {
            SequencerHarness.Finished f = assertInstanceOf(SequencerHarness.Finished.class, h.run(new Program(l)));
            Trace t = f.trace();
            assertEquals(List.of(), t.check());
            assertEquals(t.start()[0] + 1, t.start()[1], "the second LOAD starts the cycle after the first");
            assertTrue(t.start()[1] < t.retire()[0], "the two LOADs overlap: " + t.start()[1] + " vs " + t.retire()[0]);
            assertEquals(t.start()[0] + latency, t.retire()[0], "the first LOAD retires the cycle its engine is done");
            assertEquals(t.retire()[0] + 1, t.retire()[1], "the second retires the cycle after the first");
            assertEquals(t.retire()[0], t.start()[2], "the third LOAD starts in the cycle the first retires");
            assertEquals(t.retire()[2] + 1, t.retire()[3], "the SYNC retires after the LOADs before it");
            assertEquals(t.retire()[3] - t.start()[0], f.counters().busy()[IssueQueue.LOAD.ordinal()], "cnt_load_busy");
        }
    }

    private static void runRandom(SequencerConfig cfg, SequencerHarness.Timing timing, int programs, long seed) {
        Random rnd = new Random(seed);
        long overlapped = 0;
        long instructions = 0;
        long[] gemms = new long[3]; // GEMMs without a push flag, with one, compute instructions started behind a running GEMM
        try (SequencerHarness h = new SequencerHarness(cfg, timing, seed)) {
            for (int n = 0; n < programs; n++) {
                int p = n;
                Program prog = RandomPrograms.wellFormed(rnd, 20 + rnd.nextInt(120), 3);
                new GoldenSimulator(CORE, false).run(prog, new HbmImage(4096)); // the oracle of well-formedness
                SequencerHarness.Outcome o = h.run(prog);
                SequencerHarness.Finished f = assertInstanceOf(SequencerHarness.Finished.class, o, () -> "program " + p + ": " + o);
                List<String> bad = f.trace().check();
                assertTrue(bad.isEmpty(), () -> "program " + p + ":\n" + String.join("\n", bad) + "\n" + prog.dump());
                checkCounters(f);
                overlapped += overlaps(f.trace());
                instructions += prog.size();
                countGemms(f.trace(), gemms);
            }
        }
        // the queues really ran concurrently: many instructions were in flight beside another queue's
        assertTrue(overlapped > instructions / 10, "instructions overlapping another queue's: " + overlapped + " of " + instructions);
        // the programs had GEMMs of both kinds, and the compute queue often ran on behind them
        assertTrue(gemms[0] > 0 && gemms[1] > 0 && gemms[2] * 10 > gemms[0] + gemms[1],
                "GEMMs without and with a push flag, compute instructions started behind a running GEMM: "
                        + Arrays.toString(gemms));
    }

    /** Adds to {@code n} the trace's GEMMs without and with a push flag and the compute instructions started while a GEMM ran. */
    private static void countGemms(Trace t, long[] n) {
        List<Instruction> ins = t.program().instructions();
        for (int g = 0; g < ins.size(); g++) {
            if (ins.get(g).opcode() != Opcode.GEMM) {
                continue;
            }
            n[ins.get(g).deps().pushPrev() || ins.get(g).deps().pushNext() ? 1 : 0]++;
            for (int j = g + 1; j < ins.size(); j++) {
                if (ins.get(j).queue() == IssueQueue.COMPUTE && t.start()[j] < t.retire()[g]) {
                    n[2]++;
                }
            }
        }
    }

    /** The counters equal what the trace implies. */
    private static void checkCounters(SequencerHarness.Finished f) {
        assertEquals(f.trace().expectedCycles(), f.counters().cycles(), "cnt_cycles");
        for (IssueQueue q : IssueQueue.values()) {
            assertEquals(f.trace().expectedBusy(q), f.counters().busy()[q.ordinal()], "cnt_" + q.tag() + "_busy");
        }
    }

    /**
     * Always-ready engines of a fixed latency: a chain of compute instructions runs back to back
     * (each starts in the cycle the previous is done), and a token handed from load to compute to
     * store costs one cycle per hop.
     */
    @Test
    void backToBackInstructionsLeaveNoGapAndATokenCostsOneCycle() {
        int latency = 5;
        Random rnd = new Random(3);
        List<Instruction> l = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            l.add(RandomPrograms.foreground(rnd, Deps.NONE));
        }
        try (SequencerHarness h = new SequencerHarness(new SequencerConfig(8, 2),
                new SequencerHarness.Timing(1, 1, latency, latency), 3)) {
            SequencerHarness.Finished f = assertInstanceOf(SequencerHarness.Finished.class, h.run(new Program(l)));
            Trace t = f.trace();
            for (int i = 1; i < 10; i++) {
                assertEquals(t.start()[i - 1] + latency, t.start()[i], "start of compute instruction " + i);
            }
            assertEquals(10L * latency, f.counters().busy()[IssueQueue.COMPUTE.ordinal()], "cnt_compute_busy");
            Program chain = new Program(List.of(
                    RandomPrograms.engineInstruction(rnd, IssueQueue.LOAD, Deps.NONE.withPush(IssueQueue.LOAD, IssueQueue.COMPUTE)),
                    RandomPrograms.engineInstruction(rnd, IssueQueue.COMPUTE, new Deps(true, false, false, true)),
                    RandomPrograms.engineInstruction(rnd, IssueQueue.STORE, Deps.NONE.withPop(IssueQueue.STORE, IssueQueue.COMPUTE))));
            t = assertInstanceOf(SequencerHarness.Finished.class, h.run(chain)).trace();
            assertEquals(List.of(), t.check());
            assertEquals(t.retire()[0] + 1, t.start()[1], "compute starts the cycle after the load's token is pushed");
            assertEquals(t.retire()[1] + 1, t.start()[2], "store starts the cycle after the compute's token is pushed");
        }
    }

    /** Instructions in flight while an instruction of another queue is. */
    private static long overlaps(Trace t) {
        List<Instruction> ins = t.program().instructions();
        long n = 0;
        for (int i = 0; i < ins.size(); i++) {
            for (int j = 0; j < ins.size(); j++) {
                if (ins.get(i).queue() != ins.get(j).queue() && t.start()[i] <= t.retire()[j] && t.start()[j] <= t.retire()[i]) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    private static final int GEMM_LATENCY = 30;
    private static final int VECTOR_LATENCY = 3;

    /** Always-ready engines, VECTORs of {@link #VECTOR_LATENCY} cycles and GEMMs of {@link #GEMM_LATENCY}; deep counters. */
    private static SequencerHarness gemmHarness(int tokenBits) {
        return new SequencerHarness(new SequencerConfig(8, tokenBits),
                new SequencerHarness.Timing(1, 1, VECTOR_LATENCY, VECTOR_LATENCY, GEMM_LATENCY, GEMM_LATENCY), 21);
    }

    /** Runs {@code l} to its end; checks the trace and the counters. */
    private static Trace runChecked(SequencerHarness h, List<Instruction> l) {
        Program prog = new Program(l);
        SequencerHarness.Outcome o = h.run(prog);
        SequencerHarness.Finished f = assertInstanceOf(SequencerHarness.Finished.class, o, () -> o + "\n" + prog.dump());
        assertEquals(List.of(), f.trace().check());
        checkCounters(f);
        return f.trace();
    }

    /**
     * A GEMM runs in the background: the VECTORs behind it (no push flags) start one after another
     * from the cycle after the GEMM's start and all retire while the GEMM is still in flight; the
     * GEMM retires the cycle its {@code gemm_done} comes.
     */
    @Test
    void vectorsRunWhileALongGemmIsInFlight() {
        Random rnd = new Random(22);
        List<Instruction> l = new ArrayList<>(List.of(RandomPrograms.gemm(rnd, Deps.NONE)));
        int vectors = 5;
        for (int i = 0; i < vectors; i++) {
            l.add(RandomPrograms.vector(rnd, Deps.NONE));
        }
        try (SequencerHarness h = gemmHarness(3)) {
            Trace t = runChecked(h, l);
            long g = t.start()[0];
            assertEquals(g + GEMM_LATENCY, t.retire()[0], "the GEMM retires the cycle its engine is done");
            for (int i = 1; i <= vectors; i++) {
                long at = g + 1 + (long) (i - 1) * VECTOR_LATENCY;
                assertEquals(at, t.start()[i], "start of VECTOR " + i);
                assertEquals(at + VECTOR_LATENCY, t.retire()[i], "retire of VECTOR " + i);
            }
            assertTrue(t.retire()[vectors] < t.retire()[0], "the VECTORs retire while the GEMM runs");
        }
    }

    /**
     * Behind a GEMM, a VECTOR without a push flag runs at once, but a VECTOR with one and a SYNC
     * with one each start only in the cycle the GEMM ahead of them retires (the pushes into a token
     * queue stay in program order); a GEMM starts when the VECTOR before it retires.
     */
    @Test
    void aPushWaitsForTheGemmAheadOfIt() {
        Random rnd = new Random(23);
        Deps pushStore = Deps.NONE.withPush(IssueQueue.COMPUTE, IssueQueue.STORE);
        Deps pushLoad = Deps.NONE.withPush(IssueQueue.COMPUTE, IssueQueue.LOAD);
        List<Instruction> l = List.of(
                RandomPrograms.gemm(rnd, pushStore),
                RandomPrograms.vector(rnd, Deps.NONE),
                RandomPrograms.vector(rnd, pushStore),
                RandomPrograms.gemm(rnd, Deps.NONE),
                new Sync(IssueQueue.COMPUTE, pushLoad),
                new Sync(IssueQueue.STORE, Deps.NONE.withPop(IssueQueue.STORE, IssueQueue.COMPUTE)),
                new Sync(IssueQueue.STORE, Deps.NONE.withPop(IssueQueue.STORE, IssueQueue.COMPUTE)),
                new Sync(IssueQueue.LOAD, Deps.NONE.withPop(IssueQueue.LOAD, IssueQueue.COMPUTE)));
        try (SequencerHarness h = gemmHarness(3)) {
            Trace t = runChecked(h, l);
            assertEquals(t.start()[0] + 1, t.start()[1], "the VECTOR without a push starts behind the GEMM");
            assertEquals(t.retire()[0], t.start()[2], "the VECTOR with a push starts the cycle the GEMM retires");
            assertEquals(t.retire()[2], t.start()[3], "the second GEMM starts the cycle the VECTOR before it retires");
            assertEquals(t.retire()[3], t.start()[4], "the SYNC with a push starts the cycle the second GEMM retires");
            assertEquals(t.start()[4] + 1, t.retire()[4], "the SYNC retires the cycle after its start");
        }
    }

    /**
     * A GEMM behind a GEMM starts when the engine takes it (this harness's engine: when the first
     * is done), though the VECTOR between them is long done; and when the first GEMM's push waits
     * for a full counter (one-token counters, the load queue pops only after a run of LOADs), the
     * second starts beside it (two GEMMs in flight) and retires after it.
     */
    @Test
    void aGemmStartsWhenTheEngineTakesItAndRetiresInOrder() {
        Random rnd = new Random(24);
        List<Instruction> l = List.of(RandomPrograms.gemm(rnd, Deps.NONE), RandomPrograms.vector(rnd, Deps.NONE),
                RandomPrograms.gemm(rnd, Deps.NONE), RandomPrograms.gemm(rnd, Deps.NONE));
        try (SequencerHarness h = gemmHarness(3)) {
            Trace t = runChecked(h, l);
            assertTrue(t.retire()[1] < t.retire()[0], "the VECTOR retires while the first GEMM runs");
            assertEquals(t.retire()[0], t.start()[2], "the second GEMM starts the cycle the first retires");
            assertEquals(t.retire()[2], t.start()[3], "the third GEMM starts the cycle the second retires");
        }
        Deps pushLoad = Deps.NONE.withPush(IssueQueue.COMPUTE, IssueQueue.LOAD);
        Deps popCompute = Deps.NONE.withPop(IssueQueue.LOAD, IssueQueue.COMPUTE);
        List<Instruction> full = new ArrayList<>(List.of(new Sync(IssueQueue.COMPUTE, pushLoad),
                RandomPrograms.gemm(rnd, pushLoad), RandomPrograms.gemm(rnd, Deps.NONE)));
        int loads = 2 * GEMM_LATENCY / VECTOR_LATENCY;
        for (int i = 0; i < loads; i++) {
            full.add(RandomPrograms.engineInstruction(rnd, IssueQueue.LOAD, Deps.NONE));
        }
        int pop = full.size();
        full.add(new Sync(IssueQueue.LOAD, popCompute));
        full.add(new Sync(IssueQueue.LOAD, popCompute));
        try (SequencerHarness h = gemmHarness(1)) {
            Trace t = runChecked(h, full);
            assertTrue(t.retire()[1] > t.done()[1], "the first GEMM waits for room: done " + t.done()[1] + ", retired "
                    + t.retire()[1]);
            assertEquals(t.start()[pop] + 1, t.retire()[1], "the first GEMM pushes the cycle after the load queue's pop");
            assertTrue(t.start()[2] < t.retire()[1], "the second GEMM starts while the first waits for room");
            assertTrue(t.retire()[2] > t.retire()[1], "and retires after it");
        }
    }

    /**
     * {@code cnt_compute_busy} counts the cycles a foreground instruction or a GEMM is in flight,
     * the union: a GEMM with VECTORs inside and past its end, then a gap while the compute queue
     * waits for a load, then one more VECTOR.
     */
    @Test
    void computeBusyIsTheUnionOfTheGemmAndTheForeground() {
        Random rnd = new Random(25);
        List<Instruction> l = new ArrayList<>(List.of(RandomPrograms.gemm(rnd, Deps.NONE)));
        int vectors = 2 * GEMM_LATENCY / VECTOR_LATENCY;
        for (int i = 0; i < vectors; i++) {
            l.add(RandomPrograms.vector(rnd, Deps.NONE));
        }
        // the load waits for the SYNC's token, the last VECTOR for the load's
        int sync = l.size();
        l.add(new Sync(IssueQueue.COMPUTE, Deps.NONE.withPush(IssueQueue.COMPUTE, IssueQueue.LOAD)));
        l.add(RandomPrograms.engineInstruction(rnd, IssueQueue.LOAD, Deps.NONE.withPop(IssueQueue.LOAD, IssueQueue.COMPUTE)
                .withPush(IssueQueue.LOAD, IssueQueue.COMPUTE)));
        int last = l.size();
        l.add(RandomPrograms.vector(rnd, Deps.NONE.withPop(IssueQueue.COMPUTE, IssueQueue.LOAD)));
        try (SequencerHarness h = gemmHarness(3)) {
            SequencerHarness.Finished f = assertInstanceOf(SequencerHarness.Finished.class, h.run(new Program(l)));
            Trace t = f.trace();
            assertEquals(List.of(), t.check());
            assertTrue(t.retire()[vectors] > t.retire()[0], "the VECTORs run past the GEMM");
            assertEquals(t.retire()[vectors], t.start()[sync], "the SYNC starts as the last VECTOR before it retires");
            assertTrue(t.start()[last] > t.retire()[sync], "the last VECTOR waits for the load");
            long union = t.retire()[sync] - t.start()[0] + t.retire()[last] - t.start()[last];
            assertEquals(union, f.counters().busy()[IssueQueue.COMPUTE.ordinal()], "cnt_compute_busy");
            assertEquals(union, t.expectedBusy(IssueQueue.COMPUTE), "Trace.expectedBusy");
        }
    }

    /**
     * A GEMM that cannot push (its one-token counter is full and nobody pops it) with a SYNC that
     * pushes waiting for its slot is a deadlock the sequencer reports, naming the SYNC.
     */
    @Test
    void aGemmStuckOnAFullCounterIsADeadlock() {
        Random rnd = new Random(26);
        Deps pushLoad = Deps.NONE.withPush(IssueQueue.COMPUTE, IssueQueue.LOAD);
        Program prog = new Program(List.of(new Sync(IssueQueue.COMPUTE, pushLoad), RandomPrograms.gemm(rnd, pushLoad),
                RandomPrograms.vector(rnd, Deps.NONE), new Sync(IssueQueue.COMPUTE, pushLoad.withPush(IssueQueue.COMPUTE, IssueQueue.STORE))));
        try (SequencerHarness h = gemmHarness(1)) {
            SequencerHarness.Outcome o = h.run(prog);
            SequencerHarness.Deadlocked d = assertInstanceOf(SequencerHarness.Deadlocked.class, o, o::toString);
            assertArrayEquals(new int[] {-1, 3, -1}, d.heads(), d.message());
        }
    }

    /** With one-token counters, a second push waits until the first token is popped. */
    @Test
    void aFullCounterHoldsThePushUntilAPop() {
        Deps pushNext = Deps.NONE.withPush(IssueQueue.LOAD, IssueQueue.COMPUTE);
        Deps popPrev = Deps.NONE.withPop(IssueQueue.COMPUTE, IssueQueue.LOAD);
        Random rnd = new Random(5);
        List<Instruction> l = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            l.add(RandomPrograms.instruction(rnd, IssueQueue.LOAD, pushNext));
        }
        for (int i = 0; i < 4; i++) {
            l.add(RandomPrograms.instruction(rnd, IssueQueue.COMPUTE, popPrev));
        }
        Program prog = new Program(l);
        try (SequencerHarness h = new SequencerHarness(new SequencerConfig(4, 1), new SequencerHarness.Timing(1, 1, 1, 3), 5)) {
            SequencerHarness.Finished f = assertInstanceOf(SequencerHarness.Finished.class, h.run(prog));
            Trace t = f.trace();
            assertEquals(List.of(), t.check());
            checkCounters(f);
            for (int i = 1; i < 4; i++) {
                // load i pushes only once compute i-1 has taken load i-1's token
                assertTrue(t.retire()[i] > t.start()[4 + i - 1], "load " + i + " retired at " + t.retire()[i]
                        + " before compute " + (i + 3) + " popped at " + t.start()[4 + i - 1]);
            }
        }
    }

    /**
     * A pop nobody pushes: the sequencer flags the deadlock and the harness names the instruction.
     * With queues as deep as the golden simulator models them ({@link CostModel#QUEUE_DEPTH}: an
     * instruction enters its queue in program order once the queue has room), the RTL stops exactly
     * where the golden simulator does (a token network is determinate); with two-entry queues it
     * may stop earlier, since dispatch waits for a full queue, but it still reports the deadlock
     * instead of hanging.
     */
    @Test
    void anUnsatisfiablePopIsAReportedDeadlock() {
        Deps popPrev = Deps.NONE.withPop(IssueQueue.COMPUTE, IssueQueue.LOAD);
        Program simple = new Program(List.of(new Sync(IssueQueue.LOAD, Deps.NONE), new Sync(IssueQueue.COMPUTE, popPrev)));
        SequencerHarness.Timing timing = new SequencerHarness.Timing(0.8, 0.7, 1, 8);
        try (SequencerHarness deep = new SequencerHarness(new SequencerConfig(CostModel.QUEUE_DEPTH, 8), timing, 9);
             SequencerHarness shallow = new SequencerHarness(new SequencerConfig(2, 2), timing, 10)) {
            assertArrayEquals(new int[] {-1, 1, -1}, expectDeadlock(deep, simple, true).heads());
            Random rnd = new Random(9);
            for (int p = 0; p < (LONG ? 40 : 8); p++) {
                Program bad = withStrayPop(rnd, RandomPrograms.wellFormed(rnd, 20 + rnd.nextInt(40), 3));
                expectDeadlock(deep, bad, true);
                expectDeadlock(shallow, bad, false);
            }
        }
    }

    /** The program with one more SYNC somewhere that pops a token nobody pushes for it. */
    private static Program withStrayPop(Random rnd, Program ok) {
        List<Instruction> l = new java.util.ArrayList<>(ok.instructions());
        IssueQueue q = IssueQueue.values()[rnd.nextInt(3)];
        IssueQueue from = q == IssueQueue.COMPUTE ? (rnd.nextBoolean() ? IssueQueue.LOAD : IssueQueue.STORE) : IssueQueue.COMPUTE;
        l.add(rnd.nextInt(l.size() + 1), new Sync(q, Deps.NONE.withPop(q, from)));
        return new Program(l);
    }

    private static SequencerHarness.Deadlocked expectDeadlock(SequencerHarness h, Program prog, boolean sameAsGolden) {
        String golden = assertThrows(IllegalStateException.class,
                () -> new GoldenSimulator(CORE, false).run(prog, new HbmImage(4096))).getMessage();
        SequencerHarness.Outcome o = h.run(prog);
        SequencerHarness.Deadlocked d = assertInstanceOf(SequencerHarness.Deadlocked.class, o, () -> o + "\n" + prog.dump());
        assertTrue(d.message().contains("waits for a"), d.message());
        if (sameAsGolden) {
            for (int q = 0; q < 3; q++) {
                int i = d.heads()[q];
                String queue = IssueQueue.values()[q].tag();
                boolean goldenWaits = golden.contains(") in the " + queue + " queue");
                assertEquals(goldenWaits, i >= 0, () -> "RTL: " + d.message() + "\ngolden: " + golden);
                assertTrue(i < 0 || golden.contains("instruction " + i + " ("), () -> "RTL: " + d.message() + "\ngolden: " + golden);
            }
        }
        return d;
    }

    /** A word the sequencer cannot queue stops dispatch with an error code and its index. */
    @Test
    void aBadWordIsRefusedWithItsIndex() {
        Random rnd = new Random(17);
        try (SequencerHarness h = new SequencerHarness(new SequencerConfig(4, 3), new SequencerHarness.Timing(0.9, 0.8, 1, 6), 17)) {
            for (int code = 1; code <= 3; code++) {
                Program prog = RandomPrograms.wellFormed(rnd, 40, 3);
                int k = rnd.nextInt(prog.size());
                List<sohu.core.isa.Bits128> words = new java.util.ArrayList<>(prog.instructions().stream().map(Instruction::encode).toList());
                long lo = switch (code) {
                    case 1 -> 9; // no opcode 9
                    case 2 -> 3L << 8; // SYNC for queue 3
                    default -> 0x10 | 1; // LOAD popping from a previous queue it does not have
                };
                words.set(k, new sohu.core.isa.Bits128(lo, 0));
                SequencerHarness.Outcome o = h.run(prog, words);
                assertEquals(new SequencerHarness.Refused(code, k), o);
            }
        }
    }
}
