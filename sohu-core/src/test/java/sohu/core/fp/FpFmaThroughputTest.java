package sohu.core.fp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Measures the golden FMA's cost per call (printed), so tests can budget tens of millions of
 * calls. The assertion is a loose guard against pathological regressions (allocation, BigInteger),
 * not a benchmark: the target is well under 300 ns/op.
 */
class FpFmaThroughputTest {

    @Test
    void goldenFmaIsFastEnoughForBulkTesting() {
        int n = 1 << 20;
        int[] a = new int[n];
        int[] b = new int[n];
        int[] c = new int[n];
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < n; i++) {
            a[i] = random.nextInt() & 0xFFFF;
            b[i] = random.nextInt() & 0xFFFF;
            c[i] = random.nextInt();
        }
        long sink = 0;
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 12; round++) {
            FpFormat f = round % 2 == 0 ? FpFormat.BF16 : FpFormat.FP16;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink += FpFma.fma(f, a[i], b[i], c[i]);
            }
            best = Math.min(best, (System.nanoTime() - start) / (double) n);
        }
        System.out.printf("golden FMA: %.1f ns/op (best of 12 rounds of %d, sink %d)%n", best, n, sink);
        assertTrue(best < 2000, "golden FMA takes " + best + " ns/op");
    }
}
