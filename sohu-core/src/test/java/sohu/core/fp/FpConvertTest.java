package sohu.core.fp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FpConvertTest {

    private static final boolean LONG_RUN = Boolean.getBoolean("sohu.long");

    /** Checks many FP32 inputs against the table oracle, in both overflow modes. */
    private static final class NarrowChecker {
        private final FpFormat target;
        private final NearestOracle oracle;
        private final List<String> failures = new ArrayList<>();
        private long mismatches;

        NarrowChecker(FpFormat target) {
            this.target = target;
            this.oracle = new NearestOracle(target);
        }

        void check(float x) {
            for (Saturation mode : Saturation.values()) {
                int actual = FpConvert.narrow(x, target, mode);
                int expected = oracle.expected(x, mode);
                if (actual != expected) {
                    mismatches++;
                    if (failures.size() < 10) {
                        failures.add(String.format("%s %s x=%s (0x%08X): got 0x%X, expected 0x%X", target, mode, x,
                                Float.floatToRawIntBits(x), actual, expected));
                    }
                }
            }
        }

        void assertNoMismatch() {
            if (mismatches != 0) {
                fail(mismatches + " mismatches:\n" + String.join("\n", failures));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = FpFormat.class, names = {"BF16", "FP16", "E4M3", "E5M2"})
    void narrowingIsNearestEvenForEveryFp32Exponent(FpFormat target) {
        NarrowChecker checker = new NarrowChecker(target);
        SplittableRandom random = new SplittableRandom(0xC0FFEE + target.ordinal());
        for (int field = 0; field <= 255; field++) {
            for (int i = 0; i < 128; i++) {
                int mantissa = field == 255 ? random.nextInt(1 << 23) | 1 : random.nextInt(1 << 23);
                int bits = (field << 23) | mantissa;
                checker.check(Float.intBitsToFloat(bits));
                checker.check(Float.intBitsToFloat(bits | 0x80000000));
            }
        }
        for (int i = 0; i < 200_000; i++) {
            checker.check(Float.intBitsToFloat(random.nextInt()));
        }
        checker.assertNoMismatch();
    }

    /** Every value, every midpoint between neighbours (exact ties), and the floats next to them. */
    @ParameterizedTest
    @EnumSource(value = FpFormat.class, names = {"BF16", "FP16", "E4M3", "E5M2"})
    void narrowingAtEveryRoundingBoundary(FpFormat target) {
        NarrowChecker checker = new NarrowChecker(target);
        NearestOracle oracle = new NearestOracle(target);
        double[] values = oracle.values();
        for (int i = 0; i < values.length; i++) {
            double lo = values[i];
            double hi = i + 1 < values.length ? values[i + 1] : oracle.overflowValue();
            double mid = (lo + hi) / 2;
            assertEquals(mid, (double) (float) mid, "midpoint must be an exact float");
            for (double point : new double[] {lo, mid}) {
                float f = (float) point;
                for (float x : new float[] {f, Math.nextUp(f), Math.nextDown(f)}) {
                    checker.check(x);
                    checker.check(-x);
                }
            }
        }
        checker.assertNoMismatch();
    }

    @ParameterizedTest
    @EnumSource(value = FpFormat.class, names = {"BF16", "FP16", "E4M3", "E5M2"})
    void specialInputs(FpFormat target) {
        NarrowChecker checker = new NarrowChecker(target);
        int[] specials = {0x00000000, 0x80000000, 0x00000001, 0x80000001, 0x007FFFFF, 0x00800000,
            0x7F7FFFFF, 0xFF7FFFFF, 0x7F800000, 0xFF800000, 0x7FC00000, 0xFFC00000, 0x7F800001, 0xFFFFFFFF};
        for (int bits : specials) {
            checker.check(Float.intBitsToFloat(bits));
        }
        checker.assertNoMismatch();
        int nan = target.canonicalNaN();
        for (Saturation mode : Saturation.values()) {
            assertEquals(nan, FpConvert.narrow(0x7F800001, target, mode), "signalling NaN");
            assertEquals(nan, FpConvert.narrow(0xFFC00000, target, mode), "negative NaN");
            assertEquals(target.signMask(), FpConvert.narrow(-Float.MIN_VALUE, target, mode), "-tiny gives -0");
        }
    }

    /** The OCP OFP8 table of out-of-range results, spelled out. */
    @Test
    void ocpFp8OverflowAndInfinity() {
        FpFormat e4 = FpFormat.E4M3;
        FpFormat e5 = FpFormat.E5M2;
        Saturation sat = Saturation.SATURATING;
        Saturation nonSat = Saturation.NON_SATURATING;

        assertEquals(0x7E, FpConvert.narrow(464f, e4, nonSat)); // tie 448|480 goes to even 448
        assertEquals(0x7F, FpConvert.narrow(Math.nextUp(464f), e4, nonSat));
        assertEquals(0x7F, FpConvert.narrow(-1000f, e4, nonSat)); // canonical NaN, sign dropped
        assertEquals(0x7F, FpConvert.narrow(Float.POSITIVE_INFINITY, e4, nonSat));
        assertEquals(0x7E, FpConvert.narrow(1000f, e4, sat));
        assertEquals(0xFE, FpConvert.narrow(Float.NEGATIVE_INFINITY, e4, sat));
        assertEquals(0x7F, FpConvert.narrow(Float.NaN, e4, sat));

        assertEquals(0x7B, FpConvert.narrow(Math.nextDown(61440f), e5, nonSat));
        assertEquals(0x7C, FpConvert.narrow(61440f, e5, nonSat)); // tie 57344|65536 goes to even 65536
        assertEquals(0xFC, FpConvert.narrow(Float.NEGATIVE_INFINITY, e5, nonSat));
        assertEquals(0x7B, FpConvert.narrow(61440f, e5, sat));
        assertEquals(0xFB, FpConvert.narrow(Float.NEGATIVE_INFINITY, e5, sat));
        assertEquals(0x7E, FpConvert.narrow(Float.NaN, e5, sat));

        assertEquals(0x7C00, FpConvert.narrow(65520f, FpFormat.FP16, nonSat));
        assertEquals(0x7BFF, FpConvert.narrow(65520f, FpFormat.FP16, sat));
        assertEquals(0x0001, FpConvert.narrow(0x1.0p-24f, FpFormat.FP16, nonSat));
        assertEquals(0x0000, FpConvert.narrow(0x1.0p-25f, FpFormat.FP16, nonSat)); // tie to even 0
        assertEquals(0x0001, FpConvert.narrow(0x1.000002p-25f, FpFormat.FP16, nonSat));
        assertEquals(0x0400, FpConvert.narrow(0x1.FFCp-15f, FpFormat.FP16, nonSat)); // subnormal rounds up to min normal
    }

    /** The well-known bit trick for FP32 → BF16 RNE is a second, independent oracle. */
    @Test
    void bf16MatchesBitTrick() {
        SplittableRandom random = new SplittableRandom(7);
        long n = LONG_RUN ? 1L << 32 : 4_000_000;
        for (long i = 0; i < n; i++) {
            int bits = LONG_RUN ? (int) i : random.nextInt();
            if (Float.isNaN(Float.intBitsToFloat(bits))) {
                continue;
            }
            int expected = (bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16;
            int actual = FpConvert.narrow(bits, FpFormat.BF16, Saturation.NON_SATURATING);
            if (actual != expected) {
                fail(String.format("0x%08X: got 0x%04X, expected 0x%04X", bits, actual, expected));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = FpFormat.class, names = {"BF16", "FP16", "E4M3", "E5M2"})
    void widenIsExactAndNarrowInvertsIt(FpFormat f) {
        for (int bits = 0; bits < 1 << f.width(); bits++) {
            double ref = ReferenceFormats.value(f, bits);
            int wide = FpConvert.widenBits(f, bits);
            if (Double.isNaN(ref)) {
                assertEquals(0x7FC00000, wide);
                continue;
            }
            assertEquals(Float.floatToRawIntBits((float) ref), wide, f + " 0x" + Integer.toHexString(bits));
            if (f == FpFormat.BF16) {
                assertEquals(bits << 16, wide);
            }
            assertEquals(bits, FpConvert.narrow(wide, f, Saturation.NON_SATURATING));
            int saturated = Double.isInfinite(ref) ? (bits & f.signMask()) | f.maxFiniteBits() : bits;
            assertEquals(saturated, FpConvert.narrow(wide, f, Saturation.SATURATING));
        }
    }
}
