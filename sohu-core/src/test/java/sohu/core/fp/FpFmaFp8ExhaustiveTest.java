package sohu.core.fp;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every pair of FP8 values (65536 per format) against a spread of FP32 addends: specials, FP32
 * subnormals and extremes, and addends built from the exact product {@code p} to force exact and
 * partial cancellation ({@code -p} and its neighbours), rounding ties and sticky bits
 * ({@code p × 2^-24}, {@code p × 3 × 2^-25}, ...). Oracle: {@link Math#fma(float, float, float)}.
 */
class FpFmaFp8ExhaustiveTest {

    private static final int[] FIXED_C = {
        0x00000000, 0x80000000, 0x00000001, 0x80000001, 0x007FFFFF, 0x807FFFFF, 0x00800000, 0x80800000,
        0x3F800000, 0xBF800000, 0x7F7FFFFF, 0xFF7FFFFF, 0x7F800000, 0xFF800000, 0x7FC00000, 0xFF800001,
        bits(0x1p-20f), bits(-3.0e-6f), bits(1e30f), bits(-2.5e5f), bits(0x1p-130f), bits(-0x1.8p-140f),
    };

    private static int bits(float f) {
        return Float.floatToRawIntBits(f);
    }

    @ParameterizedTest
    @EnumSource(value = FpFormat.class, names = {"E4M3", "E5M2"})
    void everyPairAgainstMathFma(FpFormat f) {
        float[] table = ReferenceFormats.table(f);
        FmaChecker checker = new FmaChecker(f, "exhaustive " + f);
        SplittableRandom random = new SplittableRandom(0xF8 + f.ordinal());
        int[] cs = new int[64];
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                float wa = table[a];
                float wb = table[b];
                int n = addends(wa * wb, random, cs); // FP8 products are exact in float
                for (int i = 0; i < n; i++) {
                    checker.check(a, b, wa, wb, cs[i]);
                }
            }
        }
        checker.assertNoMismatch(65536L * FIXED_C.length);
    }

    /** Fills {@code out} with addends for product {@code p}; returns how many. */
    private static int addends(float p, SplittableRandom random, int[] out) {
        int n = 0;
        for (int c : FIXED_C) {
            out[n++] = c;
        }
        for (int i = 0; i < 3; i++) {
            out[n++] = random.nextInt();
        }
        if (!Float.isFinite(p) || p == 0) {
            return n;
        }
        float q = -p;
        float[] near = {
            q, Math.nextUp(q), Math.nextDown(q), Math.nextUp(Math.nextUp(q)), Math.nextDown(Math.nextDown(q)),
            Math.scalb(p, -24), -Math.scalb(p, -24), Math.scalb(p, -25), -Math.scalb(p, -25),
            3 * Math.scalb(p, -25), -3 * Math.scalb(p, -25), Math.scalb(p, -23), -Math.scalb(p, -26),
            Math.scalb(p, -40), -Math.scalb(p, -40), Math.scalb(p, 30), q / 2, q * 1.5f, -p - Math.scalb(p, -20),
            Math.scalb(1 + random.nextInt(1 << 23) * 0x1p-23f, Math.getExponent(p) + random.nextInt(-30, 31))
                * (random.nextBoolean() ? 1 : -1),
        };
        for (float c : near) {
            out[n++] = bits(c);
        }
        return n;
    }
}
