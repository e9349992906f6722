package sohu.core.model;

/**
 * The Llama building blocks in double precision, written straight from their definitions (Hugging
 * Face {@code modeling_llama.py}), for the reference engine.
 */
public final class LlamaMath {
    private LlamaMath() {
    }

    /** {@code w · x} for a weight {@code w} of shape [out, in] (PyTorch's {@code Linear} layout). */
    public static double[] linear(Tensor w, double[] x) {
        int out = w.dim(0);
        int in = w.dim(1);
        if (x.length != in) {
            throw new IllegalArgumentException("linear " + w.shapeText() + " applied to " + x.length + " values");
        }
        float[] d = w.data();
        double[] y = new double[out];
        for (int o = 0; o < out; o++) {
            double s = 0;
            int row = o * in;
            for (int i = 0; i < in; i++) {
                s += d[row + i] * x[i];
            }
            y[o] = s;
        }
        return y;
    }

    /** Row {@code row} of a [rows, cols] tensor. */
    public static double[] row(Tensor t, int row) {
        int cols = t.dim(1);
        double[] r = new double[cols];
        for (int i = 0; i < cols; i++) {
            r[i] = t.data()[row * cols + i];
        }
        return r;
    }

    /** RMSNorm: {@code x / sqrt(mean(x²) + eps) · weight}. */
    public static double[] rmsNorm(double[] x, Tensor weight, double eps) {
        double ss = 0;
        for (double v : x) {
            ss += v * v;
        }
        double inv = 1 / Math.sqrt(ss / x.length + eps);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] * inv * weight.data()[i];
        }
        return y;
    }

    /**
     * Rotates, in place, the head of {@code headDim} values at {@code offset} of {@code x} to
     * {@code position}, in the Hugging Face convention ({@code rotate_half}: element {@code i < d/2}
     * pairs with {@code i + d/2}, angle {@code position · theta^(-2i/d)}).
     */
    public static void rope(double[] x, int offset, int headDim, int position, double theta) {
        int half = headDim / 2;
        for (int i = 0; i < half; i++) {
            double angle = position * Math.pow(theta, -2.0 * i / headDim);
            double c = Math.cos(angle);
            double s = Math.sin(angle);
            double a = x[offset + i];
            double b = x[offset + i + half];
            x[offset + i] = a * c - b * s;
            x[offset + i + half] = b * c + a * s;
        }
    }

    /** Softmax of {@code s} (shifted by its maximum so no exponential overflows). */
    public static double[] softmax(double[] s) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : s) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            p[i] = Math.exp(s[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < s.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** SiLU: {@code x · sigmoid(x)}. */
    public static double silu(double x) {
        return x / (1 + Math.exp(-x));
    }

    /** Index of the largest value, the lowest index on ties (greedy decoding). */
    public static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
