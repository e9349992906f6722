package sohu.core.compile;

import java.util.List;
import sohu.core.isa.Space;
import sohu.core.isa.Vector;
import sohu.core.model.ModelSpec;
import sohu.core.xformer.RowReduce;
import sohu.core.xformer.VectorOp;

/**
 * The row-by-row phases of a step (each a {@link RowPipeline} over the step's tokens): the
 * embedding lookup, RMSNorm, RoPE with the KV-cache append, the residual add and SwiGLU.
 */
final class RowPhases {
    private final Emitter e;
    private final HbmLayout hbm;
    private final StepLayout st;
    private final List<Token> tokens;
    private final KvState kv;
    private final ModelSpec s;
    private final CoreConfig c;
    private final int eb;

    RowPhases(Emitter e, HbmLayout hbm, StepLayout st, List<Token> tokens, KvState kv) {
        this.e = e;
        this.hbm = hbm;
        this.st = st;
        this.tokens = tokens;
        this.kv = kv;
        this.s = hbm.spec();
        this.c = hbm.core();
        this.eb = c.elementBytes();
    }

    private int words(int elements) {
        return GemmTiling.ceil(elements, c.lanes());
    }

    private void fits(String phase, int vmemWords, int actWords) {
        if (vmemWords > c.vDepth() || actWords > c.aDepth()) {
            throw new IllegalArgumentException(phase + " needs " + vmemWords + " vector words and " + actWords
                    + " activation words per two rows; the core has vDepth " + c.vDepth() + ", aDepth " + c.aDepth()
                    + "; use larger depths");
        }
    }

    /** x[t] = embed[token t] (copied through the vector unit: a load slot is never a store slot). */
    void embedding() {
        int hw = words(s.hiddenSize());
        int h = s.hiddenSize();
        fits("embedding", 4 * hw, 0);
        RowPipeline.run(e, tokens.size(), new RowPipeline.Body() {
            public void load(int t, int slot) {
                e.emit(Dmas.load(Space.VMEM, slot * hw * c.lanes(), hbm.embed() + 4L * h * tokens.get(t).id(), h));
            }

            public void compute(int t, int slot) {
                e.emit(Vector.of(VectorOp.MUL_SCALAR, slot * hw, 0, 0, (2 + slot) * hw, h, false, Registers.ONE, 0, 0));
            }

            public void store(int t, int slot) {
                e.emit(Dmas.store(Space.VMEM, (2 + slot) * hw * c.lanes(), st.x() + 4L * h * t, h));
            }
        });
    }

    /** xn[t] = rmsnorm(x[t]) · gain, in the activation format. */
    void rmsNorm(long gain) {
        int h = s.hiddenSize();
        int hw = words(h);
        fits("RMSNorm", 3 * hw, 2 * hw);
        e.emit(Dmas.load(Space.VMEM, 0, gain, h));
        RowPipeline.run(e, tokens.size(), new RowPipeline.Body() {
            public void load(int t, int slot) {
                e.emit(Dmas.load(Space.VMEM, (hw + slot * hw) * c.lanes(), st.x() + 4L * h * t, h));
            }

            public void compute(int t, int slot) {
                int in = hw + slot * hw;
                e.emit(Vector.of(VectorOp.MUL_SCALAR, in, 0, 0, in, h, false, Registers.ONE, 0, 0)
                        .reducing(RowReduce.Kind.SUM_OF_SQUARES, Registers.SUM_SQ));
                e.emit(Vector.of(VectorOp.NORM, in, 0, 0, slot * hw, h, true, Registers.SUM_SQ, Registers.INV_N,
                        Registers.EPS));
            }

            public void store(int t, int slot) {
                e.emit(Dmas.store(Space.ACT, slot * hw * c.rows(), st.xn() + (long) eb * h * t, h));
            }
        });
    }

    /**
     * Rotates q and k, converts q, k and v to the activation format, stores the rotated q and appends
     * k (as a column of the block's K^T) and v (as a row of its V) to each KV head's block.
     */
    void ropeAndAppend(int layer) {
        int qd = s.qDim();
        int kd = s.kvDim();
        int hd = s.headDim();
        int qw = words(qd);
        int kw = words(kd);
        int slotV = 5 * qw + 3 * kw;   // q, q swapped, cos, sin, tmp; k, k swapped, v
        int slotA = qw + 2 * kw;       // q out, k out, v out
        fits("RoPE", 2 * slotV, 2 * slotA);
        int b = c.kvBlockTokens();
        RowPipeline.run(e, tokens.size(), new RowPipeline.Body() {
            int v(int slot, int k) {
                int[] off = {0, qw, 2 * qw, 3 * qw, 4 * qw, 5 * qw, 5 * qw + kw, 5 * qw + 2 * kw};
                return slot * slotV + off[k];
            }

            public void load(int t, int slot) {
                e.emit(Dmas.load(Space.VMEM, v(slot, 0) * c.lanes(), st.q() + 4L * qd * t, qd));
                swapped(v(slot, 1), st.q() + 4L * qd * t, s.numHeads());
                e.emit(Dmas.load(Space.VMEM, v(slot, 2) * c.lanes(), st.rope() + 8L * qd * t, qd));
                e.emit(Dmas.load(Space.VMEM, v(slot, 3) * c.lanes(), st.rope() + 8L * qd * t + 4L * qd, qd));
                e.emit(Dmas.load(Space.VMEM, v(slot, 5) * c.lanes(), st.k() + 4L * kd * t, kd));
                swapped(v(slot, 6), st.k() + 4L * kd * t, s.numKvHeads());
                e.emit(Dmas.load(Space.VMEM, v(slot, 7) * c.lanes(), st.v() + 4L * kd * t, kd));
            }

            private void swapped(int word, long src, int heads) {
                int half = hd / 2;
                e.emit(Dmas.load(Space.VMEM, word * c.lanes() + half, src, heads, half, 4L * hd, hd));
                e.emit(Dmas.load(Space.VMEM, word * c.lanes(), src + 4L * half, heads, half, 4L * hd, hd));
            }

            public void compute(int t, int slot) {
                int a = slot * slotA;
                int tmp = v(slot, 4);
                e.emit(Vector.of(VectorOp.MUL_ROW, v(slot, 1), v(slot, 3), 0, tmp, qd, false, 0, 0, 0));
                e.emit(Vector.of(VectorOp.FMA_ROW, v(slot, 0), v(slot, 2), tmp, a, qd, true, 0, 0, 0));
                e.emit(Vector.of(VectorOp.MUL_ROW, v(slot, 6), v(slot, 3), 0, tmp, kd, false, 0, 0, 0));
                e.emit(Vector.of(VectorOp.FMA_ROW, v(slot, 5), v(slot, 2), tmp, a + qw, kd, true, 0, 0, 0));
                e.emit(Vector.of(VectorOp.MUL_SCALAR, v(slot, 7), 0, 0, a + qw + kw, kd, true, Registers.ONE, 0, 0));
            }

            public void store(int t, int slot) {
                int a = slot * slotA * c.rows();
                Token tok = tokens.get(t);
                int block = kv.block(tok.sequence(), tok.position());
                int at = tok.position() % b;
                e.emit(Dmas.store(Space.ACT, a, st.qa() + (long) eb * qd * t, qd));
                for (int g = 0; g < s.numKvHeads(); g++) {
                    e.emit(Dmas.store(Space.ACT, a + qw * c.rows() + g * hd, hbm.kAddr(block, layer, g) + (long) at * eb,
                            hd, 1, (long) b * eb, 1));
                    e.emit(Dmas.store(Space.ACT, a + (qw + kw) * c.rows() + g * hd,
                            hbm.vAddr(block, layer, g) + (long) at * hd * eb, hd));
                }
            }
        });
    }

    /** x[t] += o[t]. */
    void residual() {
        int h = s.hiddenSize();
        int hw = words(h);
        fits("residual", 6 * hw, 0);
        RowPipeline.run(e, tokens.size(), new RowPipeline.Body() {
            public void load(int t, int slot) {
                e.emit(Dmas.load(Space.VMEM, 2 * slot * hw * c.lanes(), st.x() + 4L * h * t, h));
                e.emit(Dmas.load(Space.VMEM, (2 * slot + 1) * hw * c.lanes(), st.o() + 4L * h * t, h));
            }

            public void compute(int t, int slot) {
                int a = 2 * slot * hw;
                e.emit(Vector.of(VectorOp.ADD_ROW, a, a + hw, 0, (4 + slot) * hw, h, false, 0, 0, 0));
            }

            public void store(int t, int slot) {
                e.emit(Dmas.store(Space.VMEM, (4 + slot) * hw * c.lanes(), st.x() + 4L * h * t, h));
            }
        });
    }

    /** h[t] = silu(gate[t]) · up[t], in the activation format. */
    void swiglu() {
        int n = s.intermediateSize();
        int nw = words(n);
        fits("SwiGLU", 4 * nw, 2 * nw);
        RowPipeline.run(e, tokens.size(), new RowPipeline.Body() {
            public void load(int t, int slot) {
                e.emit(Dmas.load(Space.VMEM, 2 * slot * nw * c.lanes(), st.gate() + 4L * n * t, n));
                e.emit(Dmas.load(Space.VMEM, (2 * slot + 1) * nw * c.lanes(), st.up() + 4L * n * t, n));
            }

            public void compute(int t, int slot) {
                int a = 2 * slot * nw;
                e.emit(Vector.of(VectorOp.SWIGLU, a, a + nw, 0, slot * nw, n, true, 0, 0, 0));
            }

            public void store(int t, int slot) {
                e.emit(Dmas.store(Space.ACT, slot * nw * c.rows(), st.h() + (long) eb * n * t, n));
            }
        });
    }
}
