package sohu.verify.fp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sohu.core.fp.FpFormat;

/**
 * Random triples at every latency (see {@link FpPatterns#randomAddend}): 1 million per 16-bit
 * format by default, 100 million with {@code -Dsohu.long=true}; FP32 inputs (optional in the
 * tile) 250 thousand, or 10 million.
 */
class FmaRandomSimTest {
    static final boolean LONG = Boolean.getBoolean("sohu.long");

    @ParameterizedTest
    @EnumSource(names = {"BF16", "FP16"})
    void randomTriples(FpFormat f) {
        run(f, LONG ? 100_000_000L : 1_000_000L, 3);
    }

    @Test
    void randomFp32Triples() {
        run(FpFormat.FP32, LONG ? 10_000_000L : 250_000L, 5);
    }

    static void run(FpFormat f, long count, long seed) {
        try (FmaHarness h = FmaHarness.open(f, seed)) {
            long ops = FmaChecks.random(h, f, count, new SplittableRandom(seed * 31 + f.ordinal()));
            assertEquals(count, ops);
            System.out.printf("%s random: %d operations x 4 latencies%n", f, ops);
        }
    }
}
