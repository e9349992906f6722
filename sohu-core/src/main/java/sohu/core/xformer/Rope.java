package sohu.core.xformer;

/**
 * Golden model of rotary position embedding in the Hugging Face Llama convention
 * ({@code rotate_half}): in each head of {@code d} elements, element {@code i < d/2} is paired with
 * {@code i + d/2}:
 * <pre>
 *   out[i]       = x[i]·cos_i − x[i+d/2]·sin_i        (t = x[i+d/2]·sin_i, then fma(x[i], cos_i, −t))
 *   out[i+d/2]   = x[i+d/2]·cos_i + x[i]·sin_i        (t = x[i]·sin_i, then fma(x[i+d/2], cos_i, t))
 * </pre>
 * The cos/sin tables are computed by the generator the way HF computes them in FP32:
 * {@code inv_freq_i = 1 / θ^(2i/d)}, {@code f = pos · inv_freq_i}, {@code cos(f)}, {@code sin(f)},
 * each step rounded to FP32.
 */
public final class Rope {
    private Rope() {
    }

    /** The tables of one position: {@code cos[i]}, {@code sin[i]} for {@code i < d/2}. */
    public record Tables(int[] cos, int[] sin) { }

    /** The FP32 tables of {@code position} for head dimension {@code d} and base {@code theta}. */
    public static Tables tables(long position, int headDim, double theta) {
        if (headDim <= 0 || headDim % 2 != 0) {
            throw new IllegalArgumentException("RoPE head dimension must be even and positive, got " + headDim);
        }
        int half = headDim / 2;
        int[] cos = new int[half];
        int[] sin = new int[half];
        float pos = position;
        for (int i = 0; i < half; i++) {
            float exponent = (2.0f * i) / headDim;
            float power = (float) StrictMath.pow(theta, exponent);
            float invFreq = 1.0f / power;
            float f = pos * invFreq;
            cos[i] = Fp32.of(StrictMath.cos(f));
            sin[i] = Fp32.of(StrictMath.sin(f));
        }
        return new Tables(cos, sin);
    }

    /** Rotates every head of {@code row} (length a multiple of {@code headDim}). */
    public static int[] rotate(int[] row, int headDim, Tables t) {
        if (row.length % headDim != 0) {
            throw new IllegalArgumentException("row length " + row.length + " is not a multiple of the head dimension "
                    + headDim);
        }
        int half = headDim / 2;
        int[] out = new int[row.length];
        for (int h = 0; h < row.length; h += headDim) {
            for (int i = 0; i < half; i++) {
                int lo = row[h + i];
                int hi = row[h + i + half];
                out[h + i] = Fp32.fma(lo, t.cos()[i], Fp32.negate(Fp32.mul(hi, t.sin()[i])));
                out[h + i + half] = Fp32.fma(hi, t.cos()[i], Fp32.mul(lo, t.sin()[i]));
            }
        }
        return out;
    }
}
