package sohu.verify.soc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** Deep counters (no push ever waits), queues of 4, engines of 1..12 cycles. */
    @Test
    void randomProgramsRespectEveryTokenAndQueueOrder() {
        runRandom(new SequencerConfig(4, 8), new SequencerHarness.Timing(0.7, 0.6, 1, 12), LONG ? 200 : 25, 101);
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
            }
        }
        // the queues really ran concurrently: many instructions were in flight beside another queue's
        assertTrue(overlapped > instructions / 10, "instructions overlapping another queue's: " + overlapped + " of " + instructions);
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
            l.add(RandomPrograms.engineInstruction(rnd, IssueQueue.COMPUTE, Deps.NONE));
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
