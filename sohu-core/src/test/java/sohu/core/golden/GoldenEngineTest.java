package sohu.core.golden;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sohu.core.compile.CoreConfig;
import sohu.core.fp.FpFormat;
import sohu.core.model.ModelSpec;
import sohu.core.model.SequenceChunk;

/**
 * The golden engine against the double-precision reference on {@link ModelSpec#tiny()} with random
 * weights: two prompts of different lengths in one batch (17 tokens cross a 16-token KV block),
 * then three decode steps, each engine feeding back its own greedy tokens. The error is
 * {@code max |golden − reference| / max |reference logit|} per token, over every token of every step
 * (until the tokens first differ). Measured with this test's seed 12: FP32 5.3e-7, FP16 7.4e-4,
 * BF16 6.7e-3, E4M3 0.132, E5M2 0.209; the worst over seeds 1..5 ({@link GoldenBoundsSweepTest})
 * is FP32 6.7e-7, FP16 9.4e-4, BF16 7.6e-3, E4M3 0.125, E5M2 0.256. The bounds below are about
 * twice the worst. {@code -Dsohu.print=true} prints each run's figures.
 */
class GoldenEngineTest {
    static final ModelSpec TINY = ModelSpec.tiny();
    static final Map<String, float[]> W = TinyModel.weights(TINY, 12);
    static final int[][] PROMPTS = {{1, 7, 300, 42, 5, 99, 13, 250, 8, 77, 6, 511, 3, 64, 128, 9, 400}, {17, 2, 480}};

    private static EngineComparison.Outcome run(int n, FpFormat f, boolean races) {
        EngineComparison.Outcome o = EngineComparison.run(TINY, W, CoreConfig.of(n, f), PROMPTS, 3, races);
        if (Boolean.getBoolean("sohu.print")) {
            System.out.printf("%dx%d %s: max rel logit error %.3e, tokens agree %b, cycles %d, busy %d%n", n, n, f,
                    o.maxRelError(), o.tokensAgree(), o.cycles(), o.busy());
        }
        return o;
    }

    @Test
    void fp32TokensAgreeWithTheReference() {
        EngineComparison.Outcome o = run(8, FpFormat.FP32, true);
        assertTrue(o.tokensAgree(), "greedy tokens differ from the reference");
        assertTrue(o.maxRelError() < 2e-6, "FP32 logit error " + o.maxRelError());
    }

    @Test
    void fp32WithOneBlockAttentionChunks() {
        // a weight scratchpad of 128 words holds one 16-token KV block per chunk: the online softmax
        // rescales across chunks (a wider scratchpad takes a short sequence's keys in one chunk)
        CoreConfig small = new CoreConfig(8, 8, FpFormat.FP32, 8, 1024, 128, 1024, 1024, 16, 64, 32);
        EngineComparison.Outcome o = EngineComparison.run(TINY, W, small, PROMPTS, 3, true);
        assertTrue(o.tokensAgree(), "greedy tokens differ from the reference");
        assertTrue(o.maxRelError() < 2e-6, "FP32 logit error " + o.maxRelError());
    }

    @Test
    void kvBlocksThatAreNotWholeArrayWordsMatchTheReference() {
        // 6-token blocks on 8 columns: K^T tiles of 4 blocks (24 keys = 3 words), the last one partial;
        // a 128-word weight scratchpad also splits the 17-token prompt's keys into chunks
        for (CoreConfig c : List.of(new CoreConfig(8, 8, FpFormat.FP32, 8, 1024, 1024, 1024, 1024, 6, 64, 32),
                new CoreConfig(8, 8, FpFormat.FP32, 8, 1024, 128, 1024, 1024, 6, 64, 32),
                new CoreConfig(4, 4, FpFormat.FP32, 4, 1024, 1024, 1024, 1024, 2, 64, 32))) {
            EngineComparison.Outcome o = EngineComparison.run(TINY, W, c, PROMPTS, 3, true);
            assertTrue(o.tokensAgree(), c + ": greedy tokens differ from the reference");
            assertTrue(o.maxRelError() < 2e-6, c + ": FP32 logit error " + o.maxRelError());
        }
    }

    @Test
    void aChunkedPrefillCrossingABlockInsideAGroupMatchesTheReference() {
        // positions 10..16 of sequence 0 share one RoPE group with sequence 1 and cross the 16-token block
        GoldenEngine g = new GoldenEngine(TINY, W, CoreConfig.of(8, FpFormat.FP32), true);
        ReferenceForward ref = new ReferenceForward(TINY, W);
        int[] p = PROMPTS[0];
        List<List<SequenceChunk>> steps = List.of(List.of(new SequenceChunk(0, 0, Arrays.copyOf(p, 10))),
                List.of(new SequenceChunk(0, 10, Arrays.copyOfRange(p, 10, 17)), new SequenceChunk(1, 0, PROMPTS[1])));
        for (List<SequenceChunk> batch : steps) {
            double[][] got = g.step(batch).logits();
            double[][] want = ref.step(batch);
            for (int t = 0; t < want.length; t++) {
                double scale = Arrays.stream(want[t]).map(Math::abs).max().orElseThrow();
                for (int v = 0; v < want[t].length; v++) {
                    assertTrue(Math.abs(got[t][v] - want[t][v]) / scale < 2e-6, "token " + t + " logit " + v);
                }
            }
        }
    }

    @Test
    void fp32OnA4x4Array() {
        EngineComparison.Outcome o = run(4, FpFormat.FP32, false);
        assertTrue(o.tokensAgree(), "greedy tokens differ from the reference");
        assertTrue(o.maxRelError() < 2e-6, "FP32 logit error " + o.maxRelError());
    }

    @Test
    void fp16Bound() {
        EngineComparison.Outcome o = run(8, FpFormat.FP16, false);
        assertTrue(o.maxRelError() < 3e-3, "FP16 logit error " + o.maxRelError());
    }

    @Test
    void bf16Bound() {
        EngineComparison.Outcome o = run(8, FpFormat.BF16, false);
        assertTrue(o.maxRelError() < 2e-2, "BF16 logit error " + o.maxRelError());
    }

    @Test
    void e4m3Bound() {
        EngineComparison.Outcome o = run(4, FpFormat.E4M3, false);
        assertTrue(o.maxRelError() < 0.3, "E4M3 logit error " + o.maxRelError());
    }

    @Test
    void e5m2Bound() {
        EngineComparison.Outcome o = run(8, FpFormat.E5M2, false);
        assertTrue(o.maxRelError() < 0.5, "E5M2 logit error " + o.maxRelError());
    }

    @Test
    void theKvCacheSurvivesReleaseAndReuse() {
        // sequence 0 runs, is released, and its blocks go to a new sequence 5: same logits as a fresh engine
        GoldenEngine e = new GoldenEngine(TINY, W, CoreConfig.of(8, FpFormat.FP32), false);
        e.step(java.util.List.of(new sohu.core.model.SequenceChunk(0, 0, PROMPTS[0])));
        e.release(0);
        double[][] reused = e.step(java.util.List.of(new sohu.core.model.SequenceChunk(5, 0, PROMPTS[1]))).logits();
        GoldenEngine fresh = new GoldenEngine(TINY, W, CoreConfig.of(8, FpFormat.FP32), false);
        double[][] clean = fresh.step(java.util.List.of(new sohu.core.model.SequenceChunk(5, 0, PROMPTS[1]))).logits();
        assertTrue(java.util.Arrays.deepEquals(clean, reused), "stale KV data changed a new sequence's logits");
    }
}
