package sohu.verilator.fp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sohu.core.fp.FpFma;
import sohu.core.fp.FpFormat;

/**
 * FP8 tiles at every latency, bit for bit against the golden model: every (a, b) pair with
 * addends covering zeros, subnormals, normals, large values, infinities and NaNs, plus addends
 * derived from each product (cancellation, alignment edges).
 */
class FmaFp8ExhaustiveSimTest {
    /** FP32 addends used with every pair. */
    static final int[] ADDENDS = {
        0x00000000, 0x80000000,             // zeros
        0x00000001, 0x80000001, 0x00400000, 0x807FFFFF, // subnormals
        0x00800000, 0x3F800000, 0xBF800000, 0x3F800001, 0x4B800000, 0xC3E00000, 0x3A800000, // normals
        0x7F7FFFFF, 0xFF7FFFFF,             // largest finite
        0x7F800000, 0xFF800000,             // infinities
        0x7FC00000, 0xFF800001,             // NaNs (quiet; signalling, negative)
    };

    @ParameterizedTest
    @EnumSource(names = {"E4M3", "E5M2"})
    void everyPairAtEveryLatency(FpFormat f) {
        SplittableRandom r = new SplittableRandom(f.ordinal());
        int[] derived = new int[16];
        try (FmaHarness h = FmaHarness.open(f, 1)) {
            for (int a = 0; a < 256; a++) {
                for (int b = 0; b < 256; b++) {
                    for (int c : ADDENDS) {
                        h.op(a, b, c);
                    }
                    int p = FpFma.fma(f, a, b, 0);
                    if (Float.isFinite(Float.intBitsToFloat(p)) && (p & 0x7FFFFFFF) != 0) {
                        int n = FpPatterns.productRelative(p, r, derived, 0);
                        for (int i = 0; i < n; i++) {
                            h.op(a, b, derived[i]);
                        }
                    }
                }
            }
            h.drain();
            assertTrue(h.ops() >= 65536L * ADDENDS.length, "ran " + h.ops());
            System.out.printf("%s: %d operations x 4 latencies in %d cycles%n", f, h.ops(), h.cycles());
        }
    }
}
