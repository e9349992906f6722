package sohu.core.sched;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContinuousBatcherTest {
    private static final int VOCAB = 97;

    private static List<Request> randomRequests(long seed, int count) {
        Random rnd = new Random(seed);
        List<Request> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int[] prompt = rnd.ints(1 + rnd.nextInt(40), 0, VOCAB).toArray();
            out.add(new Request("r" + i, prompt, 1 + rnd.nextInt(12), rnd.nextInt(10)));
        }
        return out;
    }

    private static int[] alone(Request r) {
        Request solo = new Request(r.id(), r.prompt(), r.maxNewTokens(), 0);
        ServeResult result = Server.serve(new PrefixHashEngine(VOCAB), List.of(solo), new SchedulerConfig(1000, 100, 16), n -> { });
        return result.completions().get(0).generated();
    }

    @Test
    void requestsServedTogetherGetTheTokensTheyGetAlone() {
        List<Request> requests = randomRequests(1, 12);
        PrefixHashEngine engine = new PrefixHashEngine(VOCAB);
        ServeResult together = Server.serve(engine, requests, new SchedulerConfig(16, 64, 16), n -> { });
        assertEquals(requests.size(), together.completions().size());
        for (int i = 0; i < requests.size(); i++) {
            assertEquals(requests.get(i).id(), together.completions().get(i).id());
            assertArrayEquals(alone(requests.get(i)), together.completions().get(i).generated(), requests.get(i).id());
            assertEquals(requests.get(i).maxNewTokens(), together.completions().get(i).generated().length);
        }
        assertEquals(0, engine.cached(), "every finished sequence released its KV cache");
    }

    @Test
    void aFullCachePreemptsAndStillGivesTheSameTokens() {
        // Four prompts of 15 tokens fill one block each; the first decodes past position 16 need
        // a second block each, and a cache of 4 blocks has none left.
        Random rnd = new Random(2);
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            requests.add(new Request("p" + i, rnd.ints(15, 0, VOCAB).toArray(), 20, 0));
        }
        SchedulerConfig tight = new SchedulerConfig(64, 4, 16);
        ServeResult served = Server.serve(new PrefixHashEngine(VOCAB), requests, tight, n -> { });
        int preemptions = served.steps().stream().mapToInt(StepRecord::preemptions).sum();
        assertTrue(preemptions > 0, "a cache of 4 blocks must preempt");
        for (int i = 0; i < requests.size(); i++) {
            assertArrayEquals(alone(requests.get(i)), served.completions().get(i).generated(), requests.get(i).id());
        }
        assertTrue(served.steps().stream().allMatch(s -> s.kvBlocksInUse() <= 4));
    }

    @Test
    void everyStepKeepsTheBudgetAndPutsDecodesFirst() {
        List<Request> requests = randomRequests(3, 8);
        ContinuousBatcher batcher = new ContinuousBatcher(new SchedulerConfig(10, 64, 16), requests);
        PrefixHashEngine engine = new PrefixHashEngine(VOCAB);
        int mixed = 0;
        for (int step = 0; batcher.hasWork(); step++) {
            StepPlan plan = batcher.plan(step);
            batcher.takeReleased().forEach(engine::release);
            assertTrue(plan.tokens() <= 10, "step " + step + " has " + plan.tokens() + " tokens");
            for (int c = 0; c < plan.decodeTokens(); c++) {
                assertEquals(1, plan.chunks().get(c).length(), "decodes come first, one token each");
            }
            if (plan.decodeTokens() > 0 && plan.prefillTokens() > 0) {
                mixed++;
            }
            if (!plan.chunks().isEmpty()) {
                batcher.complete(plan, engine.step(plan.chunks()).logits());
            }
        }
        assertTrue(mixed > 0, "some steps mix decode tokens with a prefill chunk");
    }

    @Test
    void aRequestTheCacheCanNeverHoldIsRejectedBeforeAnythingRuns() {
        Request big = new Request("big", new int[40], 10, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ContinuousBatcher(new SchedulerConfig(8, 2, 16), List.of(big)));
        assertTrue(e.getMessage().contains("request big needs 49 KV positions"), e.getMessage());
    }

    private static List<Integer> concat(List<Integer> a, List<Integer> b) {
        List<Integer> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void freedBlocksAreReusedAndAFailedGrowthTakesNothing() {
        BlockTables blocks = new BlockTables(4, 16);
        assertTrue(blocks.ensure(1, 20));
        assertTrue(blocks.ensure(2, 16));
        assertEquals(2, blocks.table(1).size());
        assertEquals(1, blocks.table(2).size());
        List<Integer> second = blocks.table(2);
        List<Integer> first = blocks.table(1);
        blocks.free(1);
        assertTrue(blocks.ensure(3, 33));
        assertEquals(3, blocks.table(3).size());
        assertTrue(blocks.table(3).containsAll(first), "freed blocks are handed out again");
        assertEquals(4, new java.util.HashSet<>(concat(blocks.table(2), blocks.table(3))).size(), "no block held twice");
        assertTrue(!blocks.ensure(2, 40), "needs 2 more blocks, 0 free");
        assertEquals(second, blocks.table(2), "a failed growth takes nothing");
        assertEquals(4, blocks.inUse());
    }
}
