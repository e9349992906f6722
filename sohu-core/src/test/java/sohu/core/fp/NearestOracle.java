package sohu.core.fp;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Expected FP32 to narrow-format conversion, found by searching a sorted table of every finite
 * non-negative value of the target (from {@link ReferenceFormats}) for the two neighbours of the
 * input and picking the nearer one, ties to the even encoding. Beyond the maximum, a virtual next
 * value {@code max + ulp(max)} (encoding parity: max's + 1) stands for "overflow", as rounding with
 * an unbounded exponent would give.
 */
final class NearestOracle {

    private final ReferenceFormats.Spec spec;
    private final double[] values;
    private final int[] encodings;
    private final double overflowValue;
    private final boolean overflowValueEven;

    NearestOracle(FpFormat format) {
        spec = ReferenceFormats.spec(format);
        int[] finite = IntStream.range(0, spec.signMask())
                .filter(bits -> Double.isFinite(ReferenceFormats.value(format, bits)))
                .boxed()
                .sorted(Comparator.comparingDouble(bits -> ReferenceFormats.value(format, bits)))
                .mapToInt(Integer::intValue)
                .toArray();
        encodings = finite;
        values = Arrays.stream(finite).mapToDouble(bits -> ReferenceFormats.value(format, bits)).toArray();
        int n = values.length;
        double max = values[n - 1];
        overflowValue = max + (max - values[n - 2]);
        overflowValueEven = (encodings[n - 1] & 1) == 1;
    }

    /** Positive finite values of the format in increasing order (index 0 is +0). */
    double[] values() {
        return values.clone();
    }

    /** The value just above the maximum that an unbounded exponent would give. */
    double overflowValue() {
        return overflowValue;
    }

    /** Expected encoding of {@code FpConvert.narrow(x, format, overflow)}. */
    int expected(float x, Saturation overflow) {
        if (Float.isNaN(x)) {
            return spec.canonicalNaN();
        }
        int sign = Float.floatToRawIntBits(x) < 0 ? spec.signMask() : 0;
        double magnitude = Math.abs((double) x);
        if (magnitude >= overflowValue) {
            return overflow(sign, overflow);
        }
        int i = Arrays.binarySearch(values, magnitude);
        if (i >= 0) {
            return sign | encodings[i];
        }
        int above = -i - 1; // values[above - 1] < magnitude < values[above] (or the virtual value)
        double lo = values[above - 1];
        boolean hiIsOverflow = above == values.length;
        double hi = hiIsOverflow ? overflowValue : values[above];
        boolean hiEven = hiIsOverflow ? overflowValueEven : (encodings[above] & 1) == 0;
        // Both sides are exact in double: lo + hi and 2 × magnitude need at most 25 bits.
        double twiceX = 2 * magnitude;
        double sum = lo + hi;
        boolean pickHi = twiceX > sum || (twiceX == sum && hiEven);
        if (!pickHi) {
            return sign | encodings[above - 1];
        }
        return hiIsOverflow ? overflow(sign, overflow) : sign | encodings[above];
    }

    private int overflow(int sign, Saturation overflow) {
        if (overflow == Saturation.SATURATING) {
            return sign | encodings[encodings.length - 1];
        }
        return spec.ieeeSpecials() ? sign | spec.infinityBits() : spec.canonicalNaN();
    }
}
