package sohu.core.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import sohu.core.model.Checkpoint.LayerTensor;

/**
 * The {@code reference} engine: the Llama forward pass in double precision straight from the math,
 * knowing nothing of the chip. Per token: embedding; per layer RMSNorm, Q/K/V projections, RoPE,
 * KV-cache append, grouped-query attention over the cached positions up to its own (the causal
 * mask), softmax with scale 1/sqrt(head_dim), output projection, residual, RMSNorm, SwiGLU
 * ({@code down(silu(gate(x)) · up(x))}), residual; final RMSNorm and LM head. Sequences are
 * independent, so a batch is its chunks run one after another; it counts no cycles.
 */
public final class ReferenceEngine implements Engine {
    private final Checkpoint model;
    private final ModelSpec spec;
    private final Map<Integer, KvCache> caches = new HashMap<>();

    /** One sequence's keys and values: per layer, one [kvDim] row per position (after RoPE for keys). */
    private static final class KvCache {
        final List<List<double[]>> keys = new ArrayList<>();
        final List<List<double[]>> values = new ArrayList<>();

        KvCache(int layers) {
            for (int l = 0; l < layers; l++) {
                keys.add(new ArrayList<>());
                values.add(new ArrayList<>());
            }
        }

        int length() {
            return keys.get(0).size();
        }
    }

    /** An engine for {@code model} with no sequences yet. */
    public ReferenceEngine(Checkpoint model) {
        this.model = model;
        this.spec = model.spec();
    }

    /** Positions cached for {@code sequenceId} (0 for an unknown sequence). */
    public int cachedLength(int sequenceId) {
        KvCache c = caches.get(sequenceId);
        return c == null ? 0 : c.length();
    }

    /**
     * Runs the chunks; checks the whole batch first (each sequence at most once, starting where
     * its cache ends, token ids in the vocabulary) so a bad batch changes nothing.
     */
    @Override
    public StepResult step(List<SequenceChunk> batch) {
        Set<Integer> seen = new HashSet<>();
        for (SequenceChunk c : batch) {
            if (!seen.add(c.sequenceId())) {
                throw new IllegalArgumentException("sequence " + c.sequenceId() + " appears twice in one batch");
            }
            if (c.startPosition() != cachedLength(c.sequenceId())) {
                throw new IllegalArgumentException("sequence " + c.sequenceId() + ": chunk starts at position "
                        + c.startPosition() + " but its KV cache holds " + cachedLength(c.sequenceId()) + " positions");
            }
            for (int t : c.tokens()) {
                if (t < 0 || t >= spec.vocabSize()) {
                    throw new IllegalArgumentException("sequence " + c.sequenceId() + ": token id " + t
                            + " is outside the vocabulary [0, " + spec.vocabSize() + ")");
                }
            }
        }
        List<double[]> logits = new ArrayList<>();
        for (SequenceChunk c : batch) {
            KvCache cache = caches.computeIfAbsent(c.sequenceId(), id -> new KvCache(spec.numLayers()));
            logits.addAll(forward(cache, c.startPosition(), c.tokens()));
        }
        return new StepResult(logits.toArray(new double[0][]), 0, 0);
    }

    @Override
    public void release(int sequenceId) {
        caches.remove(sequenceId);
    }

    private List<double[]> forward(KvCache cache, int start, int[] tokens) {
        Tensor embed = model.tensor(Checkpoint.EMBED);
        double[][] x = new double[tokens.length][];
        for (int t = 0; t < tokens.length; t++) {
            x[t] = LlamaMath.row(embed, tokens[t]);
        }
        for (int l = 0; l < spec.numLayers(); l++) {
            double[][] q = new double[tokens.length][];
            for (int t = 0; t < tokens.length; t++) {
                double[] h = LlamaMath.rmsNorm(x[t], model.tensor(LayerTensor.INPUT_NORM, l), spec.rmsNormEps());
                q[t] = LlamaMath.linear(model.tensor(LayerTensor.Q, l), h);
                double[] k = LlamaMath.linear(model.tensor(LayerTensor.K, l), h);
                for (int head = 0; head < spec.numHeads(); head++) {
                    LlamaMath.rope(q[t], head * spec.headDim(), spec.headDim(), start + t, spec.ropeTheta());
                }
                for (int head = 0; head < spec.numKvHeads(); head++) {
                    LlamaMath.rope(k, head * spec.headDim(), spec.headDim(), start + t, spec.ropeTheta());
                }
                cache.keys.get(l).add(k);
                cache.values.get(l).add(LlamaMath.linear(model.tensor(LayerTensor.V, l), h));
            }
            for (int t = 0; t < tokens.length; t++) {
                double[] attn = attention(q[t], cache.keys.get(l), cache.values.get(l), start + t);
                add(x[t], LlamaMath.linear(model.tensor(LayerTensor.O, l), attn));
                double[] h = LlamaMath.rmsNorm(x[t], model.tensor(LayerTensor.POST_NORM, l), spec.rmsNormEps());
                double[] gate = LlamaMath.linear(model.tensor(LayerTensor.GATE, l), h);
                double[] up = LlamaMath.linear(model.tensor(LayerTensor.UP, l), h);
                for (int i = 0; i < gate.length; i++) {
                    gate[i] = LlamaMath.silu(gate[i]) * up[i];
                }
                add(x[t], LlamaMath.linear(model.tensor(LayerTensor.DOWN, l), gate));
            }
        }
        List<double[]> logits = new ArrayList<>();
        for (double[] row : x) {
            double[] h = LlamaMath.rmsNorm(row, model.tensor(Checkpoint.NORM), spec.rmsNormEps());
            logits.add(LlamaMath.linear(model.tensor(Checkpoint.LM_HEAD), h));
        }
        return logits;
    }

    /** Each query head attends over positions 0..{@code position} of its KV head (head / group size). */
    private double[] attention(double[] q, List<double[]> keys, List<double[]> values, int position) {
        int d = spec.headDim();
        double scale = 1 / Math.sqrt(d);
        double[] out = new double[spec.qDim()];
        for (int head = 0; head < spec.numHeads(); head++) {
            int kv = head / spec.groupSize() * d;
            double[] scores = new double[position + 1];
            for (int p = 0; p <= position; p++) {
                double s = 0;
                for (int i = 0; i < d; i++) {
                    s += q[head * d + i] * keys.get(p)[kv + i];
                }
                scores[p] = s * scale;
            }
            double[] w = LlamaMath.softmax(scores);
            for (int p = 0; p <= position; p++) {
                for (int i = 0; i < d; i++) {
                    out[head * d + i] += w[p] * values.get(p)[kv + i];
                }
            }
        }
        return out;
    }

    private static void add(double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            x[i] += y[i];
        }
    }
}
