package sohu.core.fp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FpFormatTest {

    @ParameterizedTest
    @EnumSource(FpFormat.class)
    void layoutMatchesSpec(FpFormat f) {
        ReferenceFormats.Spec s = ReferenceFormats.spec(f);
        assertEquals(s.width(), f.width());
        assertEquals(s.exponentBits(), f.exponentBits());
        assertEquals(s.mantissaBits(), f.mantissaBits());
        assertEquals(s.bias(), f.bias());
        assertEquals(s.ieeeSpecials(), f.hasInfinity());
        assertEquals(s.canonicalNaN(), f.canonicalNaN());
        assertTrue(f.isNaN(f.canonicalNaN()));
    }

    @Test
    void rangeConstants() {
        assertEquals(Float.MAX_VALUE, FpFormat.FP32.maxFinite());
        assertEquals(0x1.FEp127, FpFormat.BF16.maxFinite());
        assertEquals(65504.0, FpFormat.FP16.maxFinite());
        assertEquals(448.0, FpFormat.E4M3.maxFinite());
        assertEquals(57344.0, FpFormat.E5M2.maxFinite());
        assertEquals(0x7E, FpFormat.E4M3.maxFiniteBits());
        assertEquals(0x7B, FpFormat.E5M2.maxFiniteBits());

        assertEquals(0x1p-149, FpFormat.FP32.minSubnormal());
        assertEquals(0x1p-133, FpFormat.BF16.minSubnormal());
        assertEquals(0x1p-24, FpFormat.FP16.minSubnormal());
        assertEquals(0x1p-9, FpFormat.E4M3.minSubnormal());
        assertEquals(0x1p-16, FpFormat.E5M2.minSubnormal());

        assertEquals(0x1p-126, FpFormat.BF16.minNormal());
        assertEquals(0x1p-14, FpFormat.FP16.minNormal());
        assertEquals(0x1p-6, FpFormat.E4M3.minNormal());
        assertEquals(0x1p-14, FpFormat.E5M2.minNormal());
    }

    @Test
    void fp8SpotValues() {
        FpFormat e4 = FpFormat.E4M3;
        assertEquals(256.0, e4.toDouble(0x78)); // exponent field 15 is finite in E4M3
        assertEquals(-448.0, e4.toDouble(0xFE));
        assertTrue(Double.isNaN(e4.toDouble(0x7F)));
        assertTrue(Double.isNaN(e4.toDouble(0xFF)));
        assertEquals(0x1p-9, e4.toDouble(0x01));
        assertEquals(0x1.Cp-7, e4.toDouble(0x07));
        assertEquals(1.0, e4.toDouble(0x38));
        assertThrows(UnsupportedOperationException.class, e4::infinityBits);

        FpFormat e5 = FpFormat.E5M2;
        assertEquals(Double.POSITIVE_INFINITY, e5.toDouble(0x7C));
        assertEquals(Double.NEGATIVE_INFINITY, e5.toDouble(0xFC));
        assertTrue(Double.isNaN(e5.toDouble(0x7D)));
        assertEquals(1.0, e5.toDouble(0x3C));
        assertEquals(0x1.8p-15, e5.toDouble(0x03)); // largest-but-one subnormal: 3 × 2^-16
        assertEquals(-0.0, e5.toDouble(0x80));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(e5.toDouble(0x80)));
    }

    @Test
    void classCountsOverAllEncodings() {
        Map<FpFormat, long[]> expected = new EnumMap<>(FpFormat.class);
        // ZERO, SUBNORMAL, NORMAL, INFINITE, NAN
        expected.put(FpFormat.BF16, new long[] {2, 254, 65024, 2, 254});
        expected.put(FpFormat.FP16, new long[] {2, 2046, 61440, 2, 2046});
        expected.put(FpFormat.E4M3, new long[] {2, 14, 238, 0, 2});
        expected.put(FpFormat.E5M2, new long[] {2, 6, 240, 2, 6});
        expected.forEach((f, counts) -> {
            long[] actual = new long[FpClass.values().length];
            for (int bits = 0; bits < 1 << f.width(); bits++) {
                actual[f.classify(bits).ordinal()]++;
            }
            assertEquals(Arrays.toString(counts), Arrays.toString(actual), f.toString());
        });
    }

    @ParameterizedTest
    @EnumSource(value = FpFormat.class, names = {"BF16", "FP16", "E4M3", "E5M2"})
    void decodeMatchesReferenceAndEncodeRoundTrips(FpFormat f) {
        for (int bits = 0; bits < 1 << f.width(); bits++) {
            double ref = ReferenceFormats.value(f, bits);
            double actual = f.toDouble(bits);
            FpValue decoded = f.decode(bits);
            if (Double.isNaN(ref)) {
                assertTrue(Double.isNaN(actual));
                assertEquals(FpClass.NAN, decoded.kind());
                assertEquals(f.canonicalNaN(), f.encode(decoded));
                continue;
            }
            assertEquals(Double.doubleToRawLongBits(ref), Double.doubleToRawLongBits(actual),
                    f + " 0x" + Integer.toHexString(bits));
            assertEquals(bits, f.encode(decoded));
            assertEquals(bits, f.encode(ref));
            assertEquals(ref, (double) FpConvert.widen(f, bits));
            if (decoded.isFinite() && decoded.kind() != FpClass.ZERO) {
                assertEquals(ref, Math.scalb((double) f.significand(bits), f.exponent(bits)) * (ref < 0 ? -1 : 1));
            }
        }
    }

    @Test
    void bf16DecodeIsTheTopHalfOfFp32() {
        for (int bits = 0; bits < 1 << 16; bits++) {
            float fp32 = Float.intBitsToFloat(bits << 16);
            if (!Float.isNaN(fp32)) {
                assertEquals(fp32, (float) FpFormat.BF16.toDouble(bits));
            }
        }
    }

    @Test
    void fp32DecodeMatchesJava() {
        SplittableRandom random = new SplittableRandom(31);
        for (int i = 0; i < 200_000; i++) {
            int bits = random.nextInt();
            float f = Float.intBitsToFloat(bits);
            assertEquals(Float.isNaN(f), FpFormat.FP32.isNaN(bits));
            assertEquals(Float.isInfinite(f), FpFormat.FP32.isInfinite(bits));
            if (!Float.isNaN(f)) {
                assertEquals(Double.doubleToRawLongBits(f), Double.doubleToRawLongBits(FpFormat.FP32.toDouble(bits)));
                assertEquals(bits, FpFormat.FP32.encode(f));
            }
        }
        assertEquals(FpClass.SUBNORMAL, FpFormat.FP32.classify(0x00000001));
        assertEquals(FpClass.NORMAL, FpFormat.FP32.classify(0x00800000));
    }

    @Test
    void encodeRejectsInexactValues() {
        assertThrows(ArithmeticException.class, () -> FpFormat.E4M3.encode(449.0));
        assertThrows(ArithmeticException.class, () -> FpFormat.E4M3.encode(480.0));
        assertThrows(ArithmeticException.class, () -> FpFormat.E4M3.encode(Double.POSITIVE_INFINITY));
        assertThrows(ArithmeticException.class, () -> FpFormat.FP16.encode(1.0 / 3));
        assertThrows(ArithmeticException.class, () -> FpFormat.FP16.encode(0x1p-25));
        assertThrows(ArithmeticException.class, () -> FpFormat.BF16.encode(1e300));
        assertEquals(0x80, FpFormat.E4M3.encode(-0.0));
        assertEquals(0xFC, FpFormat.E5M2.encode(Double.NEGATIVE_INFINITY));
        assertEquals(0x7E, FpFormat.E5M2.encode(Double.NaN));
        assertFalse(FpFormat.E4M3.isInfinite(0x7F));
        // extreme exponents must not wrap around into small values
        assertThrows(ArithmeticException.class, () -> FpFormat.FP32.encode(
                new FpValue(FpClass.NORMAL, false, 1L << 62, Integer.MAX_VALUE - 10)));
        assertThrows(ArithmeticException.class, () -> FpFormat.FP32.encode(
                new FpValue(FpClass.NORMAL, false, 1L << 62, Integer.MIN_VALUE)));
        assertEquals(0x3F800000, FpFormat.FP32.encode(new FpValue(FpClass.NORMAL, false, 1L << 62, -62)));
    }
}
