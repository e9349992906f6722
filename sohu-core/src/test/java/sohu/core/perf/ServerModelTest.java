package sohu.core.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The layouts' step times on a toy model and chip whose numbers are worked out by hand.
 *
 * <p>Toy model: 1 layer, d = 2, 1 head of 2, 1 KV head, FFN 2, vocabulary 2. Parameters: q, k, v, o
 * 4 each, FFN 3 x 2 x 2 = 12, embedding 4, LM head 4, norms 3 x 2 = 6: 42 in all, 32 in matmuls.
 * Step: 4 decode tokens at context 3. FLOPs: linear 4 x 2 x 32 = 256, attention 4 x (4 x 2 x 3) = 96,
 * 352 in all. FP8 bytes: weights 42, KV 4 B per token (K, V of 2), read 4 x 3 x 4 = 48, written 4 x 4 = 16.
 * Chip: 352 FLOP/s FP8 at 100%, 106 B/s HBM, 40 B/s links (32 B/s at 80% efficiency), 200 B HBM.
 */
class ServerModelTest {
    private static final TransformerSpec TOY = new TransformerSpec("toy", 1, 2, 1, 1, 2, 2, 2);
    private static final Batch STEP = new Batch(0, 4, 3);
    private static final Precision FP8 = Precision.of(NumberFormat.FP8);
    private static final List<String> NONE = Collections.nCopies(7, "test");
    private static final GpuSpec CHIP = new GpuSpec("toy", "Test", 176, 352, 352, 106, 200, 40, true, 1.0, NONE);
    private static final double STEP_LATENCY = HardwareSpec.LINK_STEP_SECONDS;

    private static ServerOption run(int tp, int pp, int dp, AllReduce a, boolean overlap) {
        return ServerModel.evaluate(TOY, STEP, FP8, CHIP, new Parallelism(tp, pp, dp, a, overlap));
    }

    @Test
    void toyArithmeticIsAsWorkedOut() {
        BatchCost c = BatchCost.of(TOY, STEP, FP8);
        assertEquals(352, c.totalFlops(), 1e-9);
        assertEquals(42 + 48 + 16, c.memoryBytes(), 1e-9);
    }

    @Test
    void dataParallelReplicasRunTheWholeStepWithoutCommunication() {
        ServerOption o = run(1, 1, 2, AllReduce.RING, false);
        assertEquals(1.0, o.step().computeSeconds(), 1e-12); // 352 / 352
        assertEquals(1.0, o.step().memorySeconds(), 1e-12); // 106 / 106
        assertEquals(0.0, o.step().commSeconds());
        assertEquals(8.0, o.allTokensPerSecond(), 1e-9); // 2 replicas x 4 tokens / 1 s
        assertEquals(1.0, o.tpotSeconds(), 1e-12);
    }

    @Test
    void tensorParallelSplitsComputeAndWeightsAndPaysTwoAllReducesPerLayer() {
        ServerOption o = run(2, 1, 1, AllReduce.RING, false);
        assertEquals(0.5, o.step().computeSeconds(), 1e-12);
        // Weights split in two; the single KV head cannot be split: (21 + 64) / 106.
        assertEquals(85.0 / 106, o.step().memorySeconds(), 1e-12);
        // 2 all-reduces of 4 tokens x 2 x 2 B = 16 B; ring sends 2(n-1)/n = 1 x 16 B at 32 B/s; 2 steps each.
        assertEquals(2 * (16.0 / 32 + 2 * STEP_LATENCY), o.step().commSeconds(), 1e-12);
        assertEquals(85.0 / 106 + 1.0 + 4 * STEP_LATENCY, o.tpotSeconds(), 1e-12);
        assertEquals(Bound.COMMUNICATION, o.step().bound());
    }

    @Test
    void inSwitchReductionHalvesTheBytesAndOverlapHidesTheCommunication() {
        ServerOption serial = run(2, 1, 1, AllReduce.SWITCH, false);
        assertEquals(2 * (8.0 / 32 + 2 * STEP_LATENCY), serial.step().commSeconds(), 1e-12);
        ServerOption hidden = run(2, 1, 1, AllReduce.SWITCH, true);
        assertEquals(85.0 / 106, hidden.tpotSeconds(), 1e-12); // memory is the largest term
        assertTrue(hidden.allTokensPerSecond() > serial.allTokensPerSecond());
    }

    @Test
    void pipelineStagesReReadTheirWeightsPerMicrobatchAndPassActivations() {
        ServerOption o = run(1, 2, 1, AllReduce.RING, false);
        assertEquals(0.5, o.step().computeSeconds(), 1e-12); // 352 / (2 microbatches x 352)
        assertEquals((42 + 64 / 2.0) / 106, o.step().memorySeconds(), 1e-12);
        // 2 slots x (8 B of activations / 32 B/s + one step).
        assertEquals(2 * (8.0 / 32 + STEP_LATENCY), o.step().commSeconds(), 1e-12);
        assertEquals(0.0, o.bubble());
    }

    @Test
    void aStepWithFewerSequencesThanStagesLeavesABubble() {
        ServerOption o = ServerModel.evaluate(TOY, new Batch(0, 1, 3), FP8, CHIP,
                new Parallelism(1, 4, 1, AllReduce.RING, false));
        assertEquals(0.75, o.bubble(), 1e-12);
        // One microbatch: 1 token of 88 FLOPs on one chip's worth of stages at a time.
        assertEquals(88.0 / 352, o.step().computeSeconds(), 1e-12);
    }

    @Test
    void capacityCountsWeightsKvAndActivationsAndSaysWhatWouldFit() {
        Capacity c = ServerModel.capacity(TOY, STEP, FP8, CHIP, new Parallelism(1, 1, 1, AllReduce.RING, false));
        assertEquals(42, c.weightBytes(), 1e-9);
        assertEquals(12 * 4, c.kvBytes(), 1e-9); // 4 sequences x context 3 x 4 B
        assertEquals(4 * (2 * 2 + 2 * 2) * 2, c.activationBytes(), 1e-9);
        assertEquals(180, c.usableBytes(), 1e-9);
        assertTrue(c.fits());

        Batch big = new Batch(0, 40, 3);
        Parallelism one = new Parallelism(1, 1, 1, AllReduce.RING, false);
        assertFalse(ServerModel.capacity(TOY, big, FP8, CHIP, one).fits());
        // Free: 180 - 42 - 40 x 16 B of activations < 0, so no decode count fits at this step size; the one
        // head cannot be split over more chips and the weights are FP8 already.
        assertEquals(0, ServerModel.maxDecodeSequences(TOY, big, FP8, CHIP, one));
        assertEquals("nothing on <= 64 chips", ServerModel.whatFits(TOY, big, FP8, CHIP, one));
        // 180 - 42 - 64 of activations leaves 74 B = 6 sequences of 3 x 4 B.
        assertEquals(6, ServerModel.maxDecodeSequences(TOY, STEP, FP8, CHIP, one));
        // The same 74 B hold 18 tokens of 4 B: a context of 4 for each of the 4 sequences.
        assertEquals(4, ServerModel.maxDecodeContext(TOY, STEP, FP8, CHIP, one));
        assertEquals("", ServerModel.whatFits(TOY, STEP, FP8, CHIP, one));
    }

    @Test
    void autoListsEveryFactorizationAndBestPicksTheFastestThatFits() {
        List<ServerOption> all = ParallelMode.AUTO.options(TOY, STEP, FP8, CHIP, 2);
        // The toy's single head and single layer cannot be split: auto lists only replicas.
        assertEquals(List.of("dp2"), all.stream().map(o -> o.parallelism().label()).toList());
        List<String> llama = ParallelMode.AUTO.options(TransformerSpec.LLAMA3_8B, STEP, FP8, CHIP, 4).stream()
                .map(o -> o.parallelism().label().split(" (ring|tree|switch)")[0]).toList();
        assertEquals(List.of("dp4", "pp2 dp2", "pp4", "tp2 dp2", "tp2 pp2", "tp4"), llama);
        ServerOption best = ParallelMode.best(all).orElseThrow();
        for (ServerOption o : all) {
            assertTrue(best.allTokensPerSecond() >= o.allTokensPerSecond());
        }
        assertEquals(6, ParallelMode.TP.options(TOY, STEP, FP8, CHIP, 2).size(), "3 algorithms x serial/overlap");
    }

    @Test
    void treeNeedsFewerStepsThanARingAndTheSameBytes() {
        assertEquals(14, AllReduce.RING.steps(8));
        assertEquals(6, AllReduce.TREE.steps(8));
        assertEquals(2, AllReduce.SWITCH.steps(8));
        assertEquals(1.75, AllReduce.TREE.bytesFactor(8), 1e-12);
        assertEquals(0.875, AllReduce.SWITCH.bytesFactor(8), 1e-12);
    }
}
