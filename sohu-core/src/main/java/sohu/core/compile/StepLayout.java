package sohu.core.compile;

import sohu.core.model.ModelSpec;

/**
 * The per-step HBM regions after the fixed ones, for {@code tokens} tokens: the FP32 residual
 * stream {@code x}, normalised activations {@code xn} (activation format), the projections
 * {@code q, k, v} (FP32), the rotated queries {@code qa} and attention outputs {@code att}
 * (activation format), the FP32 output of {@code o_proj}/{@code down_proj}, the FFN's {@code gate},
 * {@code up} (FP32) and {@code h} (activation format), the RoPE tables ({@code [tokens][2][q_dim]}:
 * cos repeated per head, then sin with the first half of each head negated) and the FP32 logits.
 *
 * @param tokens tokens in the step
 * @param x      residual {@code [T][hidden]}
 * @param xn     normalised {@code [T][hidden]}
 * @param q      {@code [T][q_dim]}
 * @param k      {@code [T][kv_dim]}
 * @param v      {@code [T][kv_dim]}
 * @param qa     rotated queries {@code [T][q_dim]}
 * @param att    attention output {@code [T][q_dim]}
 * @param o      projection output {@code [T][hidden]}
 * @param gate   {@code [T][intermediate]}
 * @param up     {@code [T][intermediate]}
 * @param h      SwiGLU output {@code [T][intermediate]}
 * @param rope   RoPE tables
 * @param logits {@code [T][vocab]}
 * @param end    first byte after the step's regions
 */
public record StepLayout(int tokens, long x, long xn, long q, long k, long v, long qa, long att, long o, long gate,
                         long up, long h, long rope, long logits, long end) {

    /** Lays out the regions after {@code base}. */
    public static StepLayout of(ModelSpec s, CoreConfig core, long base, int tokens) {
        long[] at = {base};
        int eb = core.elementBytes();
        long t = tokens;
        long x = alloc(at, 4 * t * s.hiddenSize());
        long xn = alloc(at, eb * t * s.hiddenSize());
        long q = alloc(at, 4 * t * s.qDim());
        long k = alloc(at, 4 * t * s.kvDim());
        long v = alloc(at, 4 * t * s.kvDim());
        long qa = alloc(at, eb * t * s.qDim());
        long att = alloc(at, eb * t * s.qDim());
        long o = alloc(at, 4 * t * s.hiddenSize());
        long gate = alloc(at, 4 * t * s.intermediateSize());
        long up = alloc(at, 4 * t * s.intermediateSize());
        long h = alloc(at, eb * t * s.intermediateSize());
        long rope = alloc(at, 4 * t * 2 * s.qDim());
        long logits = alloc(at, 4 * t * s.vocabSize());
        return new StepLayout(tokens, x, xn, q, k, v, qa, att, o, gate, up, h, rope, logits, at[0]);
    }

    private static long alloc(long[] at, long bytes) {
        long a = at[0];
        at[0] = (at[0] + bytes + HbmLayout.ALIGN - 1) / HbmLayout.ALIGN * HbmLayout.ALIGN;
        return a;
    }
}
