package sohu.core.fp;

import java.util.EnumMap;
import java.util.Map;

/**
 * Independent reference for the formats, written from the specifications (IEEE 754, OCP OFP8 rev
 * 1.0) without using {@link FpFormat}'s arithmetic: field layouts and a textbook decode formula.
 */
final class ReferenceFormats {

    /** Field layout and specials from the spec. {@code ieeeSpecials} is false for OCP E4M3 "FN". */
    record Spec(int exponentBits, int mantissaBits, int bias, boolean ieeeSpecials, int canonicalNaN) {
        int width() {
            return 1 + exponentBits + mantissaBits;
        }

        int signMask() {
            return 1 << (width() - 1);
        }

        int infinityBits() {
            return ((1 << exponentBits) - 1) << mantissaBits;
        }
    }

    private static final Map<FpFormat, Spec> SPECS = new EnumMap<>(FpFormat.class);
    private static final Map<FpFormat, float[]> TABLES = new EnumMap<>(FpFormat.class);

    static {
        SPECS.put(FpFormat.FP32, new Spec(8, 23, 127, true, 0x7FC00000));
        SPECS.put(FpFormat.BF16, new Spec(8, 7, 127, true, 0x7FC0));
        SPECS.put(FpFormat.FP16, new Spec(5, 10, 15, true, 0x7E00));
        SPECS.put(FpFormat.E4M3, new Spec(4, 3, 7, false, 0x7F));
        SPECS.put(FpFormat.E5M2, new Spec(5, 2, 15, true, 0x7E));
    }

    private ReferenceFormats() {
    }

    static Spec spec(FpFormat format) {
        return SPECS.get(format);
    }

    /** Textbook decode: (-1)^s × 1.m × 2^(e-bias), or 0.m × 2^(1-bias) for e = 0; NaN for any NaN. */
    static double value(FpFormat format, int bits) {
        Spec s = spec(format);
        int m = s.mantissaBits();
        int expAllOnes = (1 << s.exponentBits()) - 1;
        int e = (bits >>> m) & expAllOnes;
        int mantissa = bits & ((1 << m) - 1);
        boolean negative = ((bits >>> (s.width() - 1)) & 1) != 0;
        if (s.ieeeSpecials() && e == expAllOnes) {
            if (mantissa != 0) {
                return Double.NaN;
            }
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!s.ieeeSpecials() && e == expAllOnes && mantissa == (1 << m) - 1) {
            return Double.NaN;
        }
        double magnitude = e == 0
                ? mantissa * Math.pow(2, 1 - s.bias() - m)
                : ((1 << m) + mantissa) * Math.pow(2, e - s.bias() - m);
        return negative ? -magnitude : magnitude;
    }

    /** Every encoding of an 8- or 16-bit format as a float (NaN for NaNs), cached. */
    static synchronized float[] table(FpFormat format) {
        return TABLES.computeIfAbsent(format, f -> {
            if (f == FpFormat.FP32) {
                throw new IllegalArgumentException("no table for FP32");
            }
            float[] t = new float[1 << spec(f).width()];
            for (int bits = 0; bits < t.length; bits++) {
                t[bits] = (float) value(f, bits); // exact: every value is a float
            }
            return t;
        });
    }
}
