package sohu.core.fp;

import java.util.SplittableRandom;

/** FP32 edge encodings used as FMA addends by the randomized tests. */
final class FpFmaEdgeAddends {

    private static final int[] EDGES = {
        0x00000000, 0x00000001, 0x00000002, 0x007FFFFF, 0x00800000, 0x00800001, 0x3F800000, 0x3F800001,
        0x3F7FFFFF, 0x7F7FFFFF, 0x7F7FFFFE, 0x7F800000, 0x7FC00000, 0x7F800001, 0x33800000, 0x4B800000,
    };

    private FpFmaEdgeAddends() {
    }

    /** A random edge encoding with a random sign. */
    static int pick(SplittableRandom r) {
        return EDGES[r.nextInt(EDGES.length)] | (r.nextBoolean() ? 0x80000000 : 0);
    }
}
