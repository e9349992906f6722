package sohu.verify.fp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sohu.core.fp.FpFormat;

/**
 * 16-bit-input tiles (and the optional FP32-input one) at every latency: TestFloat-style boundary
 * operands crossed with each other and with FP32 boundary addends, plus addends derived from
 * each product.
 */
class FmaBoundarySimTest {
    @ParameterizedTest
    @EnumSource(names = {"BF16", "FP16", "FP32"})
    void boundaryPatternsCrossed(FpFormat f) {
        int in = FpPatterns.boundary(f).length;
        int addends = FpPatterns.boundary(FpFormat.FP32).length;
        try (FmaHarness h = FmaHarness.open(f, 2)) {
            long ops = FmaChecks.boundary(h, f, new SplittableRandom(f.ordinal()));
            assertTrue(ops >= (long) in * in * addends, "ran " + ops);
            System.out.printf("%s boundary: %d operands, %d addends, %d operations x 4 latencies%n", f, in, addends, ops);
        }
    }
}
