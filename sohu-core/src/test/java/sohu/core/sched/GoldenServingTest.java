package sohu.core.sched;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sohu.core.compile.CoreConfig;
import sohu.core.fp.FpFormat;
import sohu.core.golden.GoldenEngine;
import sohu.core.model.Checkpoint;
import sohu.core.model.ModelSpec;
import sohu.core.model.RandomLlama;
import sohu.core.model.Tensor;

/**
 * Continuous batching on the golden engine (the chip's arithmetic, bit for bit): requests served
 * together, with chunked prefill and under preemption, get exactly the tokens each gets alone.
 * That holds only because the compiled programs are batch-invariant: a token's logits do not
 * depend on its batch companions nor on how its prompt was chunked.
 */
class GoldenServingTest {
    private static final ModelSpec SPEC = ModelSpec.tiny();
    private static final Checkpoint MODEL = RandomLlama.generate(SPEC, 11);

    private static GoldenEngine engine(int kvBlocks) {
        Map<String, float[]> w = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : MODEL.tensors().entrySet()) {
            w.put(e.getKey(), e.getValue().data());
        }
        return new GoldenEngine(SPEC, w, CoreConfig.of(4, FpFormat.BF16).withKvBlocks(kvBlocks), false);
    }

    private static int[] alone(Request r) {
        Request solo = new Request(r.id(), r.prompt(), r.maxNewTokens(), 0);
        return Server.serve(engine(64), List.of(solo), new SchedulerConfig(64, 64, 16), c -> { })
                .completions().get(0).generated();
    }

    @Test
    void togetherChunkedAndPreemptedEqualsAlone() {
        Random rnd = new Random(5);
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            requests.add(new Request("q" + i, rnd.ints(6 + rnd.nextInt(20), 0, SPEC.vocabSize()).toArray(),
                    4 + rnd.nextInt(6), rnd.nextInt(3)));
        }
        // 6 blocks of 16 positions for five sequences of up to 34 positions: the cache fills and preempts;
        // a budget of 12 splits every long prompt into chunks.
        ServeResult served = Server.serve(engine(6), requests, new SchedulerConfig(12, 6, 16), c -> { });
        int preemptions = served.steps().stream().mapToInt(StepRecord::preemptions).sum();
        assertTrue(preemptions > 0, "the test must exercise preemption");
        assertTrue(served.steps().stream().anyMatch(s -> s.decodeTokens() > 0 && s.prefillTokens() > 0),
                "some steps mix decodes and a prefill chunk");
        for (int i = 0; i < requests.size(); i++) {
            assertArrayEquals(alone(requests.get(i)), served.completions().get(i).generated(), requests.get(i).id());
        }
    }
}
