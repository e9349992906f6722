package sohu.verify.xformer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** FP32 inputs for the lane tests: the edge cases of every unit and random values. */
final class LaneInputs {
    private LaneInputs() {
    }

    /** ±0, subnormals, ±∞, NaNs, extreme normals, ±1, and values around the units' thresholds. */
    static List<Integer> edges() {
        List<Integer> v = new ArrayList<>();
        int[] magnitudes = {0, 1, 2, 0x3FF, 0x400000, 0x7FFFFF, 0x800000, 0x800001, 0x7F7FFFFF, 0x7F800000,
            0x7FC00000, 0x7F800001, 0x7FFFFFFF, 0x3F800000, 0x3F800001, 0x3F7FFFFF, 0x33800000, 0x33000000};
        float[] values = {88.72283f, 88.7229f, 88.0f, 87.3f, 103.9f, 103.97f, 104f, 127.99999f, 128f, 20f, 16.7f,
            0.5f, 2f, 3f, 4f, 1.5f, 1e-10f, 1e-30f, 1e30f, 1e38f};
        for (int m : magnitudes) {
            v.add(m);
            v.add(m | 0x80000000);
        }
        for (float f : values) {
            int bits = Float.floatToRawIntBits(f);
            for (int d = -2; d <= 2; d++) {
                v.add(bits + d);
                v.add((bits + d) | 0x80000000);
            }
        }
        return v;
    }

    /** A random FP32 value: half uniform in [-lo, hi], half any encoding. */
    static int random(SplittableRandom r, double span) {
        return r.nextBoolean() ? Float.floatToRawIntBits((float) r.nextDouble(-span, span)) : r.nextInt();
    }
}
