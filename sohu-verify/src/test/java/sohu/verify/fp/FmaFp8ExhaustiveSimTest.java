package sohu.verify.fp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sohu.core.fp.FpFormat;

/**
 * FP8 tiles at every latency, bit for bit against the golden model: every (a, b) pair with
 * addends covering zeros, subnormals, normals, large values, infinities and NaNs, plus addends
 * derived from each product (cancellation, alignment edges).
 */
class FmaFp8ExhaustiveSimTest {
    @ParameterizedTest
    @EnumSource(names = {"E4M3", "E5M2"})
    void everyPairAtEveryLatency(FpFormat f) {
        try (FmaHarness h = FmaHarness.open(f, 1)) {
            long ops = FmaChecks.pairs(h, f, 0, 256, FmaChecks.ADDENDS, 1, new SplittableRandom(f.ordinal()));
            assertTrue(ops >= 65536L * FmaChecks.ADDENDS.length, "ran " + ops);
            System.out.printf("%s: %d operations x 4 latencies in %d cycles%n", f, ops, h.cycles());
        }
    }
}
