package sohu.core.golden;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import sohu.core.compile.CoreConfig;
import sohu.core.fp.FpFormat;

/**
 * The error bounds of {@link GoldenEngineTest} over weight seeds 1..5, every format, 4x4 and 8x8
 * arrays (behind {@code -Dsohu.long=true}; prints one line per format and array). In FP32 the
 * greedy tokens must agree for every seed.
 */
@EnabledIfSystemProperty(named = "sohu.long", matches = "true")
class GoldenBoundsSweepTest {
    private static final Map<FpFormat, Double> BOUND = Map.of(FpFormat.FP32, 2e-6, FpFormat.FP16, 3e-3,
            FpFormat.BF16, 2e-2, FpFormat.E4M3, 0.3, FpFormat.E5M2, 0.5);

    @Test
    void everySeedStaysWithinItsFormatsBound() {
        for (FpFormat f : new FpFormat[] {FpFormat.FP32, FpFormat.FP16, FpFormat.BF16, FpFormat.E4M3, FpFormat.E5M2}) {
            for (int n : new int[] {4, 8}) {
                double worst = 0;
                boolean agree = true;
                for (long seed = 1; seed <= 5; seed++) {
                    EngineComparison.Outcome o = EngineComparison.run(GoldenEngineTest.TINY,
                            TinyModel.weights(GoldenEngineTest.TINY, seed), CoreConfig.of(n, f), GoldenEngineTest.PROMPTS,
                            3, false);
                    worst = Math.max(worst, o.maxRelError());
                    agree &= o.tokensAgree();
                }
                System.out.printf("%dx%d %s: worst max rel logit error %.3e, greedy tokens agree for every seed: %b%n",
                        n, n, f, worst, agree);
                assertTrue(worst < BOUND.get(f), f + " " + n + "x" + n + ": " + worst);
                assertTrue(f != FpFormat.FP32 || agree, "FP32 tokens differ");
            }
        }
    }
}
