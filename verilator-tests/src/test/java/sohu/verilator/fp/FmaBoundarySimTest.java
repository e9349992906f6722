package sohu.verilator.fp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sohu.core.fp.FpFma;
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
        int[] in = FpPatterns.boundary(f);
        int[] addends = FpPatterns.boundary(FpFormat.FP32);
        SplittableRandom r = new SplittableRandom(f.ordinal());
        int[] derived = new int[16];
        try (FmaHarness h = FmaHarness.open(f, 2)) {
            for (int a : in) {
                for (int b : in) {
                    for (int c : addends) {
                        h.op(a, b, c);
                    }
                    int p = FpFma.fma(f, a, b, 0);
                    if (Float.isFinite(Float.intBitsToFloat(p)) && (p & 0x7FFFFFFF) != 0) {
                        for (int k = 0; k < 4; k++) {
                            int n = FpPatterns.productRelative(p, r, derived, 0);
                            for (int i = 0; i < n; i++) {
                                h.op(a, b, derived[i]);
                            }
                        }
                    }
                }
            }
            h.drain();
            assertTrue(h.ops() >= (long) in.length * in.length * addends.length, "ran " + h.ops());
            System.out.printf("%s boundary: %d operands, %d addends, %d operations x 4 latencies%n",
                    f, in.length, addends.length, h.ops());
        }
    }
}
