package sohu.core.compile;

import sohu.core.fp.FpConvert;
import sohu.core.fp.FpFormat;
import sohu.core.fp.Saturation;

/**
 * Hugging Face weights to the chip's format. FP8 formats get a per-output-channel FP32 scale
 * {@code s = max|W[o][:]| / maxFinite} (1 for an all-zero channel) and store {@code W/s} rounded to
 * nearest even, saturating; the accumulator is multiplied by {@code s} when it is read (as FP8
 * inference stacks do). Other formats store {@code W} rounded to nearest even.
 */
public final class WeightConversion {
    private WeightConversion() {
    }

    /** Whether {@code f} stores weights with a per-channel scale. */
    public static boolean scaled(FpFormat f) {
        return f == FpFormat.E4M3 || f == FpFormat.E5M2;
    }

    /** The FP32 scale of output channel {@code o} of a {@code [out][in]} matrix. */
    public static float scale(FpFormat f, float[] w, int o, int in) {
        double max = 0;
        for (int i = 0; i < in; i++) {
            max = Math.max(max, Math.abs(w[o * in + i]));
        }
        return max == 0 ? 1f : (float) (max / f.maxFinite());
    }

    /** One element in the chip's format. */
    public static int convert(FpFormat f, float value) {
        if (f == FpFormat.FP32) {
            return Float.floatToRawIntBits(value);
        }
        return FpConvert.narrow(value, f, scaled(f) ? Saturation.SATURATING : Saturation.NON_SATURATING);
    }

    /** Writes {@code w} ({@code [out][in]}) to {@code m}'s place in {@code image}, transposed, with its scales. */
    public static void write(HbmImage image, ChipMatrix m, FpFormat f, float[] w) {
        int in = m.in();
        int out = m.out();
        if (w.length != (long) in * out) {
            throw new IllegalArgumentException(m.name() + ": expected " + out + "x" + in + " = " + (long) in * out
                    + " values, got " + w.length);
        }
        int eb = f.width() / 8;
        for (int o = 0; o < out; o++) {
            float s = m.scaled() ? scale(f, w, o, in) : 1f;
            if (m.scaled()) {
                image.write(m.scaleAddr() + 4L * o, 4, Float.floatToRawIntBits(s));
            }
            for (int i = 0; i < in; i++) {
                float v = m.scaled() ? (float) (w[o * in + i] / (double) s) : w[o * in + i];
                image.write(m.addr() + ((long) i * out + o) * eb, eb, convert(f, v));
            }
        }
    }
}
