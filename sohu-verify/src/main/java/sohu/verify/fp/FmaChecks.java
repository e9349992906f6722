package sohu.verify.fp;

import java.util.SplittableRandom;
import sohu.core.fp.FpFma;
import sohu.core.fp.FpFormat;

/**
 * The FMA tile's checks, each a stream of operations through an {@link FmaHarness} (which
 * compares every result bit for bit with {@link FpFma}); shared by {@code sohu regress} and the
 * project's tests. Each returns the operations it checked.
 */
public final class FmaChecks {
    /** FP32 addends used with every FP8 pair. */
    public static final int[] ADDENDS = {
        0x00000000, 0x80000000,             // zeros
        0x00000001, 0x80000001, 0x00400000, 0x807FFFFF, // subnormals
        0x00800000, 0x3F800000, 0xBF800000, 0x3F800001, 0x4B800000, 0xC3E00000, 0x3A800000, // normals
        0x7F7FFFFF, 0xFF7FFFFF,             // largest finite
        0x7F800000, 0xFF800000,             // infinities
        0x7FC00000, 0xFF800001,             // NaNs (quiet; signalling, negative)
    };

    private FmaChecks() {
    }

    /**
     * Every pair (a, b) with a in {@code [aFrom, aTo)} and b over all 256 FP8 encodings, with
     * {@code addends} and, for finite nonzero products, the addends derived from the product
     * (cancellation, alignment edges; see {@link FpPatterns#productRelative}) repeated
     * {@code derivedRounds} times.
     */
    public static long pairs(FmaHarness h, FpFormat f, int aFrom, int aTo, int[] addends, int derivedRounds,
                             SplittableRandom r) {
        long before = h.ops();
        int[] derived = new int[16];
        for (int a = aFrom; a < aTo; a++) {
            for (int b = 0; b < 256; b++) {
                for (int c : addends) {
                    h.op(a, b, c);
                }
                derivedAddends(h, f, a, b, derivedRounds, r, derived);
            }
        }
        h.drain();
        return h.ops() - before;
    }

    /**
     * TestFloat-style boundary operands of {@code f} crossed with each other and with FP32 boundary
     * addends, plus four rounds of addends derived from each product.
     */
    public static long boundary(FmaHarness h, FpFormat f, SplittableRandom r) {
        long before = h.ops();
        int[] in = FpPatterns.boundary(f);
        int[] addends = FpPatterns.boundary(FpFormat.FP32);
        int[] derived = new int[16];
        for (int a : in) {
            for (int b : in) {
                for (int c : addends) {
                    h.op(a, b, c);
                }
                derivedAddends(h, f, a, b, 4, r, derived);
            }
        }
        h.drain();
        return h.ops() - before;
    }

    /** {@code count} random triples (see {@link FpPatterns#randomAddend}). */
    public static long random(FmaHarness h, FpFormat f, long count, SplittableRandom r) {
        long before = h.ops();
        long mask = (1L << f.width()) - 1;
        for (long i = 0; i < count; i++) {
            int a = (int) (r.nextLong() & mask);
            int b = (int) (r.nextLong() & mask);
            h.op(a, b, FpPatterns.randomAddend(f, a, b, r));
        }
        h.drain();
        return h.ops() - before;
    }

    private static void derivedAddends(FmaHarness h, FpFormat f, int a, int b, int rounds, SplittableRandom r, int[] into) {
        int p = FpFma.fma(f, a, b, 0);
        if (Float.isFinite(Float.intBitsToFloat(p)) && (p & 0x7FFFFFFF) != 0) {
            for (int k = 0; k < rounds; k++) {
                int n = FpPatterns.productRelative(p, r, into, 0);
                for (int i = 0; i < n; i++) {
                    h.op(a, b, into[i]);
                }
            }
        }
    }
}
