package sohu.core.golden;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import sohu.core.model.ModelSpec;
import sohu.core.model.SequenceChunk;

/**
 * The Llama forward pass in double precision, straight from the math (Hugging Face's
 * conventions: RMSNorm {@code x / sqrt(mean(x²) + ε) · g}, rotate_half RoPE with
 * {@code inv_freq_i = θ^(-2i/d)}, grouped-query attention with the causal mask, SwiGLU), token by
 * token with a per-sequence KV cache. It knows nothing of the ISA; the golden engine is held
 * against it.
 */
final class ReferenceForward {
    private final ModelSpec s;
    private final Map<String, float[]> w;
    /** sequence -> layer -> positions of k (and v) rows. */
    private final Map<Integer, List<List<double[]>>> keys = new HashMap<>();
    private final Map<Integer, List<List<double[]>>> values = new HashMap<>();

    ReferenceForward(ModelSpec s, Map<String, float[]> w) {
        this.s = s;
        this.w = w;
    }

    /** Logits of every token of the batch, in batch order. */
    double[][] step(List<SequenceChunk> batch) {
        List<double[]> out = new ArrayList<>();
        for (SequenceChunk c : batch) {
            int[] ids = c.tokens();
            for (int i = 0; i < ids.length; i++) {
                out.add(token(c.sequenceId(), c.startPosition() + i, ids[i]));
            }
        }
        return out.toArray(new double[0][]);
    }

    private double[] token(int seq, int pos, int id) {
        int h = s.hiddenSize();
        double[] x = new double[h];
        float[] emb = w.get("model.embed_tokens.weight");
        for (int i = 0; i < h; i++) {
            x[i] = emb[id * h + i];
        }
        List<List<double[]>> ks = keys.computeIfAbsent(seq, k -> layers());
        List<List<double[]>> vs = values.computeIfAbsent(seq, k -> layers());
        for (int l = 0; l < s.numLayers(); l++) {
            String p = "model.layers." + l + ".";
            double[] xn = norm(x, w.get(p + "input_layernorm.weight"));
            double[] q = rope(matvec(p + "self_attn.q_proj.weight", xn), pos);
            double[] k = rope(matvec(p + "self_attn.k_proj.weight", xn), pos);
            double[] v = matvec(p + "self_attn.v_proj.weight", xn);
            if (ks.get(l).size() != pos) {
                throw new IllegalStateException("reference: sequence " + seq + " is at " + ks.get(l).size() + ", not " + pos);
            }
            ks.get(l).add(k);
            vs.get(l).add(v);
            double[] att = attention(q, ks.get(l), vs.get(l));
            add(x, matvec(p + "self_attn.o_proj.weight", att));
            double[] xn2 = norm(x, w.get(p + "post_attention_layernorm.weight"));
            double[] g = matvec(p + "mlp.gate_proj.weight", xn2);
            double[] u = matvec(p + "mlp.up_proj.weight", xn2);
            for (int i = 0; i < g.length; i++) {
                g[i] = g[i] / (1 + Math.exp(-g[i])) * u[i];
            }
            add(x, matvec(p + "mlp.down_proj.weight", g));
        }
        double[] xf = norm(x, w.get("model.norm.weight"));
        return matvec(s.tieWordEmbeddings() ? "model.embed_tokens.weight" : "lm_head.weight", xf);
    }

    void release(int seq) {
        keys.remove(seq);
        values.remove(seq);
    }

    private List<List<double[]>> layers() {
        List<List<double[]>> l = new ArrayList<>();
        for (int i = 0; i < s.numLayers(); i++) {
            l.add(new ArrayList<>());
        }
        return l;
    }

    private double[] attention(double[] q, List<double[]> ks, List<double[]> vs) {
        int hd = s.headDim();
        double[] out = new double[s.qDim()];
        for (int h = 0; h < s.numHeads(); h++) {
            int g = h / s.groupSize();
            double[] sc = new double[ks.size()];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < ks.size(); j++) {
                double d = 0;
                for (int i = 0; i < hd; i++) {
                    d += q[h * hd + i] * ks.get(j)[g * hd + i];
                }
                sc[j] = d / Math.sqrt(hd);
                max = Math.max(max, sc[j]);
            }
            double sum = 0;
            for (int j = 0; j < sc.length; j++) {
                sc[j] = Math.exp(sc[j] - max);
                sum += sc[j];
            }
            for (int j = 0; j < sc.length; j++) {
                for (int i = 0; i < hd; i++) {
                    out[h * hd + i] += sc[j] / sum * vs.get(j)[g * hd + i];
                }
            }
        }
        return out;
    }

    private double[] rope(double[] x, int pos) {
        int hd = s.headDim();
        int half = hd / 2;
        double[] out = new double[x.length];
        for (int h = 0; h < x.length; h += hd) {
            for (int i = 0; i < half; i++) {
                double f = pos * Math.pow(s.ropeTheta(), -2.0 * i / hd);
                double lo = x[h + i];
                double hi = x[h + i + half];
                out[h + i] = lo * Math.cos(f) - hi * Math.sin(f);
                out[h + i + half] = hi * Math.cos(f) + lo * Math.sin(f);
            }
        }
        return out;
    }

    private double[] norm(double[] x, float[] g) {
        double ss = 0;
        for (double v : x) {
            ss += v * v;
        }
        double r = 1 / Math.sqrt(ss / x.length + s.rmsNormEps());
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * r * g[i];
        }
        return out;
    }

    /** {@code W x} for an HF {@code [out][in]} matrix. */
    private double[] matvec(String name, double[] x) {
        float[] m = w.get(name);
        int in = x.length;
        int out = m.length / in;
        double[] y = new double[out];
        for (int o = 0; o < out; o++) {
            double acc = 0;
            for (int i = 0; i < in; i++) {
                acc += m[o * in + i] * x[i];
            }
            y[o] = acc;
        }
        return y;
    }

    private static void add(double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            x[i] += y[i];
        }
    }
}
