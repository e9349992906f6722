package sohu.core.xformer;

import sohu.core.fp.FpConvert;
import sohu.core.fp.FpFormat;
import sohu.core.fp.Saturation;

/**
 * Golden model of the output converter: FP32 rows to the activation format, rounded to nearest
 * even ({@link FpConvert#narrow}). The FP8 formats saturate (an activation must not become NaN or
 * infinite because it is a little large); BF16 and FP16 keep IEEE overflow to infinity.
 */
public final class RowConvert {
    private RowConvert() {
    }

    /** The overflow rule the unit uses for {@code target}. */
    public static Saturation saturation(FpFormat target) {
        return target == FpFormat.E4M3 || target == FpFormat.E5M2 ? Saturation.SATURATING : Saturation.NON_SATURATING;
    }

    /** One element; FP32 passes through (NaNs made canonical). */
    public static int convert(int fp32, FpFormat target) {
        return FpConvert.narrow(fp32, target, saturation(target));
    }

    /** A row. */
    public static int[] row(int[] fp32, FpFormat target) {
        int[] out = new int[fp32.length];
        for (int i = 0; i < fp32.length; i++) {
            out[i] = convert(fp32[i], target);
        }
        return out;
    }
}
