package sohu.core.golden;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import sohu.core.compile.CoreConfig;
import sohu.core.compile.HbmLayout;
import sohu.core.fp.FpFormat;
import sohu.core.model.ModelSpec;

/**
 * Random weights for a model, by Hugging Face name: embeddings N(0, 1), matrices N(0, 1/in) so
 * every projection keeps unit scale, gains 1 + N(0, 0.1²). Seeded, so every run is the same.
 */
final class TinyModel {
    private TinyModel() {
    }

    static Map<String, float[]> weights(ModelSpec s, long seed) {
        Random r = new Random(seed);
        Map<String, int[]> shapes = new HbmLayout(s, CoreConfig.of(4, FpFormat.FP32)).expectedTensors();
        Map<String, float[]> w = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            int[] sh = e.getValue();
            int n = sh.length == 1 ? sh[0] : sh[0] * sh[1];
            float[] v = new float[n];
            boolean gain = sh.length == 1;
            boolean embed = e.getKey().contains("embed_tokens");
            double std = gain ? 0.1 : embed ? 1.0 : 1.0 / Math.sqrt(sh[1]);
            for (int i = 0; i < n; i++) {
                v[i] = (float) ((gain ? 1.0 : 0.0) + std * r.nextGaussian());
            }
            w.put(e.getKey(), v);
        }
        return w;
    }
}
