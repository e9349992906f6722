package sohu.verify.soc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sohu.core.compile.CoreConfig;
import sohu.core.fp.FpFormat;
import sohu.core.golden.GoldenEngine;
import sohu.core.model.Checkpoint;
import sohu.core.model.Engine;
import sohu.core.model.ModelSpec;
import sohu.core.model.RandomLlama;
import sohu.core.model.SequenceChunk;
import sohu.core.model.StepResult;
import sohu.core.model.Tensor;
import sohu.core.sched.Request;
import sohu.core.sched.SchedulerConfig;
import sohu.core.sched.ServeResult;
import sohu.core.sched.Server;
import sohu.core.sched.StepRecord;

/**
 * Continuous batching on the generated core: requests served together on the {@code rtl} engine,
 * with chunked prefill and a preemption, get exactly the tokens each gets alone on the golden
 * engine, and every step of the RTL equals the golden engine's step bit for bit (the whole HBM
 * image and the logits), both engines run in lockstep.
 */
class RtlServingSimTest {
    private static final ModelSpec SPEC = ModelSpec.tiny();
    private static final Checkpoint MODEL = RandomLlama.generate(SPEC, 11);

    /** The rtl and golden engines stepped together; every step's images and logits must agree. */
    private static final class Lockstep implements Engine {
        private final RtlEngine rtl;
        private final GoldenEngine golden;
        private int steps;

        Lockstep(CoreConfig core) {
            rtl = new RtlEngine(SPEC, weights(), core);
            golden = new GoldenEngine(SPEC, weights(), core, false);
        }

        @Override
        public StepResult step(List<SequenceChunk> batch) {
            StepResult g = golden.step(batch);
            StepResult r = rtl.step(batch);
            assertArrayEquals(golden.image().bytes(), rtl.image().bytes(), "HBM image after step " + steps);
            for (int t = 0; t < g.logits().length; t++) {
                assertArrayEquals(g.logits()[t], r.logits()[t], "logits of token " + t + ", step " + steps);
            }
            steps++;
            return r;
        }

        @Override
        public void release(int sequenceId) {
            rtl.release(sequenceId);
            golden.release(sequenceId);
        }

        @Override
        public void close() {
            rtl.close();
        }
    }

    private static Map<String, float[]> weights() {
        Map<String, float[]> w = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : MODEL.tensors().entrySet()) {
            w.put(e.getKey(), e.getValue().data());
        }
        return w;
    }

    private static int[] aloneOnGolden(Request r) {
        GoldenEngine e = new GoldenEngine(SPEC, weights(), CoreConfig.of(4, FpFormat.BF16), false);
        Request solo = new Request(r.id(), r.prompt(), r.maxNewTokens(), 0);
        return Server.serve(e, List.of(solo), new SchedulerConfig(64, 64, 16), c -> { }).completions().get(0).generated();
    }

    @Test
    void togetherChunkedAndPreemptedOnRtlEqualsAloneAndEveryStepEqualsGolden() {
        // 3 blocks of 16 positions for two sequences of 20 and 19 positions: the second preempts;
        // a budget of 8 chunks both prompts
        List<Request> requests = List.of(
                new Request("a", new int[] {3, 141, 59, 265, 35, 89, 79, 323, 84, 62, 64, 33}, 8, 0),
                new Request("b", new int[] {27, 182, 81, 82, 8, 45, 90, 452, 35, 36, 2}, 8, 1));
        CoreConfig core = CoreConfig.of(4, FpFormat.BF16).withKvBlocks(3);
        ServeResult served;
        try (Lockstep e = new Lockstep(core)) {
            served = Server.serve(e, requests, new SchedulerConfig(8, 3, 16), c -> { });
            assertEquals(served.steps().size(), e.steps, "every step ran on both engines");
        }
        assertTrue(served.steps().stream().mapToInt(StepRecord::preemptions).sum() > 0, "the test must preempt");
        assertTrue(served.steps().stream().anyMatch(s -> s.decodeTokens() > 0 && s.prefillTokens() > 0),
                "some steps mix decodes and a prefill chunk");
        for (int i = 0; i < requests.size(); i++) {
            assertArrayEquals(aloneOnGolden(requests.get(i)), served.completions().get(i).generated(), requests.get(i).id());
        }
        System.out.printf("rtl serving: %d steps, %d preemptions%n", served.steps().size(),
                served.steps().stream().mapToInt(StepRecord::preemptions).sum());
    }
}
