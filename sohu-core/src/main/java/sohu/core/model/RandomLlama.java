package sohu.core.model;

import java.util.LinkedHashMap;
import java.util.Map;
import sohu.core.fp.FpConvert;
import sohu.core.fp.FpFormat;
import sohu.core.fp.Saturation;

/**
 * A deterministic random Llama checkpoint for trying the engines without downloading a model. The
 * same spec and seed give the same values on every JVM (SplitMix64 and a Box-Muller transform in
 * {@link StrictMath}). Scales keep activations near unit size: a linear weight [out, in] is
 * N(0, 1/in) (standard deviation 1/sqrt(in)), the embedding N(0, 1), RMSNorm weights 1 + N(0, 0.1²).
 * Every value is rounded to BF16, so the checkpoint is the same model in F32 and in BF16 files and
 * a BF16 chip holds its weights exactly.
 */
public final class RandomLlama {
    private RandomLlama() {
    }

    /** The checkpoint of {@code spec} drawn from {@code seed}. */
    public static Checkpoint generate(ModelSpec spec, long seed) {
        Gaussian g = new Gaussian(seed);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : Checkpoint.shapes(spec).entrySet()) {
            int[] shape = e.getValue();
            Tensor t = Tensor.zeros(shape);
            float[] d = t.data();
            boolean norm = shape.length == 1;
            boolean embed = e.getKey().equals(Checkpoint.EMBED);
            double std = norm ? 0.1 : embed ? 1.0 : 1.0 / Math.sqrt(shape[1]);
            for (int i = 0; i < d.length; i++) {
                d[i] = bf16((norm ? 1.0 : 0.0) + std * g.next());
            }
            tensors.put(e.getKey(), t);
        }
        return Checkpoint.of(spec, tensors, "random checkpoint");
    }

    private static float bf16(double v) {
        return FpConvert.widen(FpFormat.BF16, FpConvert.narrow((float) v, FpFormat.BF16, Saturation.SATURATING));
    }

    /** Standard normal draws: SplitMix64 uniforms through Box-Muller, both outputs used. */
    private static final class Gaussian {
        private long state;
        private double spare = Double.NaN;

        Gaussian(long seed) {
            state = seed;
        }

        private long nextLong() {
            long z = (state += 0x9E3779B97F4A7C15L);
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        /** Uniform in (0, 1]: never 0, so the logarithm is finite. */
        private double uniform() {
            return ((nextLong() >>> 11) + 1) * 0x1.0p-53;
        }

        double next() {
            if (!Double.isNaN(spare)) {
                double s = spare;
                spare = Double.NaN;
                return s;
            }
            double r = StrictMath.sqrt(-2 * StrictMath.log(uniform()));
            double a = 2 * StrictMath.PI * uniform();
            spare = r * StrictMath.sin(a);
            return r * StrictMath.cos(a);
        }
    }
}
