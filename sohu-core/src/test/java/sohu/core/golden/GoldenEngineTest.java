package sohu.core.golden;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import sohu.core.compile.CoreConfig;
import sohu.core.fp.FpFormat;
import sohu.core.model.ModelSpec;

/**
 * The golden engine against the double-precision reference on {@link ModelSpec#tiny()} with random
 * weights: two prompts of different lengths in one batch (17 tokens cross a 16-token KV block),
 * then decode steps. Bounds (max |golden − reference| / max |reference logit| over every token of
 * every step) were measured with {@code -Dsohu.print=true} and are stated in the README.
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
        assertTrue(o.maxRelError() < 1e-5, "FP32 logit error " + o.maxRelError());
    }

    @Test
    void fp32OnA4x4Array() {
        EngineComparison.Outcome o = run(4, FpFormat.FP32, false);
        assertTrue(o.tokensAgree());
        assertTrue(o.maxRelError() < 1e-5, "FP32 logit error " + o.maxRelError());
    }

    @Test
    void bf16Bound() {
        EngineComparison.Outcome o = run(8, FpFormat.BF16, false);
        assertTrue(o.maxRelError() < 0.05, "BF16 logit error " + o.maxRelError());
    }

    @Test
    void e4m3Bound() {
        EngineComparison.Outcome o = run(8, FpFormat.E4M3, false);
        assertTrue(o.maxRelError() < 0.5, "E4M3 logit error " + o.maxRelError());
    }
}
