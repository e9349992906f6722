package sohu.core.compile;

import java.util.List;
import sohu.core.isa.Space;
import sohu.core.isa.Vector;
import sohu.core.model.ModelSpec;
import sohu.core.xformer.VectorOp;

/**
 * The row-by-row phases of a step (each a {@link RowPipeline} over the step's tokens): the
 * embedding lookup, RMSNorm and RoPE with the KV-cache append (the residual add and SwiGLU are
 * {@link GemmPhase}'s fused epilogues). A row
 * wider than one VECTOR ({@link #MAX_VECTOR_LENGTH}) is split into pieces of whole words.
 */
final class RowPhases {
    /** VECTOR's 13-bit length field. */
    static final int MAX_VECTOR_LENGTH = 8191;

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

    /** The longest VECTOR of whole words: rows wider than it are computed piece by piece. */
    private int maxPiece() {
        return MAX_VECTOR_LENGTH / c.lanes() * c.lanes();
    }

    /** Receives one piece of a row: its first word (relative to the row's) and its elements. */
    private interface PieceBody {
        void emit(int word, int length);
    }

    /** Calls {@code body} for each piece of an {@code n}-element row, in order. */
    private void pieces(int n, PieceBody body) {
        int max = maxPiece();
        for (int off = 0; off < n; off += max) {
            body.emit(off / c.lanes(), Math.min(max, n - off));
        }
    }

    /**
     * An element-wise VECTOR over {@code n} elements (every operand word-stride 1), as one
     * instruction per piece: each piece's operands and destination start {@code word} words in.
     */
    private void vector(VectorOp op, int a, int b, int cc, int dst, int n, boolean toAct, int s1, int s2, int s3) {
        pieces(n, (w, len) -> e.emit(Vector.of(op, a + w, b + w, cc + w, dst + w, len, toAct, s1, s2, s3)));
    }

    private void fits(String phase, int vmemWords, int actWords) {
        if (vmemWords > c.vDepth() || actWords > c.aDepth()) {
            throw new IllegalArgumentException(phase + " needs " + vmemWords + " vector words and " + actWords
                    + " activation words per two rows; the core has vDepth " + c.vDepth() + ", aDepth " + c.aDepth()
                    + "; use larger depths");
        }
    }

    /**
     * x[t] = embed[token t] (copied through the vector unit: a load slot is never a store slot), and
     * when its rows fit beside (else {@link #rmsNorm} follows) the first RMSNorm too: the copy is the
     * row's sum-of-squares pass, and xn[t] leaves as activations beside x[t].
     *
     * @param gain the first RMSNorm's gain
     * @return whether xn was written
     */
    boolean embedding(long gain) {
        int hw = words(s.hiddenSize());
        int h = s.hiddenSize();
        fits("embedding", 4 * hw, 0);
        boolean norm = 5 * hw <= c.vDepth() && 2 * hw <= c.aDepth();
        int base = norm ? hw : 0;   // the gain row first
        if (norm) {
            e.emit(Dmas.load(c, Space.VMEM, 0, gain, h));
        }
        RowPipeline.run(e, tokens.size(), new RowPipeline.Body() {
            public void load(int t, int slot) {
                e.emit(Dmas.load(c, Space.VMEM, (base + slot * hw) * c.lanes(), hbm.embed() + 4L * h * tokens.get(t).id(), h));
            }

            public void compute(int t, int slot) {
                int in = base + slot * hw;
                int out = base + (2 + slot) * hw;
                if (norm) {
                    NormRow.emit(e, c, in, out, 0, slot * hw, h);
                } else {
                    vector(VectorOp.MUL_SCALAR, in, 0, 0, out, h, false, Registers.ONE, 0, 0);
                }
            }

            public void store(int t, int slot) {
                e.emit(Dmas.store(c, Space.VMEM, (base + (2 + slot) * hw) * c.lanes(), st.x() + 4L * h * t, h));
                if (norm) {
                    e.emit(Dmas.store(c, Space.ACT, slot * hw * c.rows(), st.xn() + (long) eb * h * t, h));
                }
            }
        });
        return norm;
    }

    /**
     * xn[t] = rmsnorm(x[t]) · gain, in the activation format, in groups of up to 16 rows (one DMA
     * each way per group; each row keeps its own pair of VECTORs, its sum of squares a reduction).
     */
    void rmsNorm(long gain) {
        int h = s.hiddenSize();
        int hw = words(h);
        fits("RMSNorm", 3 * hw, 2 * hw);
        int g = 1;
        while (g < 16 && g < tokens.size() && (1 + 2 * (2 * g)) * hw <= c.vDepth() && 2 * (2 * g) * hw <= c.aDepth()) {
            g *= 2;
        }
        int group = g;
        e.emit(Dmas.load(c, Space.VMEM, 0, gain, h));
        RowPipeline.run(e, GemmTiling.ceil(tokens.size(), group), new RowPipeline.Body() {
            int rows(int grp) {
                return Math.min(group, tokens.size() - grp * group);
            }

            int in(int slot) {
                return hw + slot * group * hw;
            }

            public void load(int grp, int slot) {
                e.emit(Dmas.load(c, Space.VMEM, in(slot) * c.lanes(), st.x() + 4L * h * grp * group, rows(grp), h,
                        4L * h, hw * c.lanes()));
            }

            public void compute(int grp, int slot) {
                for (int r = 0; r < rows(grp); r++) {
                    int in = in(slot) + r * hw;
                    NormRow.emit(e, c, in, in, 0, (slot * group + r) * hw, h);
                }
            }

            public void store(int grp, int slot) {
                e.emit(Dmas.store(c, Space.ACT, slot * group * hw * c.rows(), st.xn() + (long) eb * h * grp * group,
                        rows(grp), h, (long) eb * h, hw * c.rows()));
            }
        });
    }

    /**
     * Rotates q and k, converts q, k and v to the activation format, stores the rotated q and appends
     * k (as a column of the block's K^T) and v (as a row of its V) to the KV blocks, in groups of
     * up to 16 tokens: one DMA per tensor and group, whole-group vector instructions for q and v.
     */
    void ropeAndAppend(int layer) {
        int qd = s.qDim();
        int kd = s.kvDim();
        int qw = words(qd);
        int kw = words(kd);
        boolean packed = qd % c.lanes() == 0 && kd % c.lanes() == 0;   // a group's rows are back to back
        int g = 1;
        while (packed && g < 16 && g < tokens.size() && 2 * g * qd <= MAX_VECTOR_LENGTH && 2 * (2 * g) * (5 * qw + 3 * kw) <= c.vDepth()
                && 2 * (2 * g) * (qw + 2 * kw) <= c.aDepth()) {
            g *= 2;
        }
        int group = g;
        int slotV = group * (5 * qw + 3 * kw);   // q, q swapped, cos, sin, tmp; k, k swapped, v
        int slotA = group * (qw + 2 * kw);       // q out, k out, v out
        fits("RoPE", 2 * slotV, 2 * slotA);
        int groups = GemmTiling.ceil(tokens.size(), group);
        KvAppend append = new KvAppend(hbm, tokens, kv, layer);
        RowPipeline.run(e, groups, new RowPipeline.Body() {
            int v(int slot, int k) {
                int[] off = {0, qw, 2 * qw, 3 * qw, 4 * qw, 5 * qw, 5 * qw + kw, 5 * qw + 2 * kw};
                return slot * slotV + group * off[k];
            }

            int rows(int grp) {
                return Math.min(group, tokens.size() - grp * group);
            }

            public void load(int grp, int slot) {
                int t = grp * group;
                int n = rows(grp);
                e.emit(Dmas.load(c, Space.VMEM, v(slot, 0) * c.lanes(), st.q() + 4L * qd * t, n, qd, 4L * qd, qw * c.lanes()));
                swapped(v(slot, 1), st.q() + 4L * qd * t, n * s.numHeads());
                e.emit(Dmas.load(c, Space.VMEM, v(slot, 2) * c.lanes(), st.rope() + 8L * qd * t, n, qd, 8L * qd,
                        qw * c.lanes()));
                e.emit(Dmas.load(c, Space.VMEM, v(slot, 3) * c.lanes(), st.rope() + 8L * qd * t + 4L * qd, n, qd, 8L * qd,
                        qw * c.lanes()));
                e.emit(Dmas.load(c, Space.VMEM, v(slot, 5) * c.lanes(), st.k() + 4L * kd * t, n, kd, 4L * kd, kw * c.lanes()));
                swapped(v(slot, 6), st.k() + 4L * kd * t, n * s.numKvHeads());
                e.emit(Dmas.load(c, Space.VMEM, v(slot, 7) * c.lanes(), st.v() + 4L * kd * t, n, kd, 4L * kd, kw * c.lanes()));
            }

            /** Each head's halves swapped: rows are (token, head) pairs, back to back in HBM and on chip. */
            private void swapped(int word, long src, int heads) {
                int hd = s.headDim();
                int half = hd / 2;
                e.emit(Dmas.load(c, Space.VMEM, word * c.lanes() + half, src, heads, half, 4L * hd, hd));
                e.emit(Dmas.load(c, Space.VMEM, word * c.lanes(), src + 4L * half, heads, half, 4L * hd, hd));
            }

            public void compute(int grp, int slot) {
                int n = rows(grp);
                int a = slot * slotA;
                int tmp = v(slot, 4);
                vector(VectorOp.MUL_ROW, v(slot, 1), v(slot, 3), 0, tmp, n * qd, false, 0, 0, 0);   // pieces: qd > 8191
                vector(VectorOp.FMA_ROW, v(slot, 0), v(slot, 2), tmp, a, n * qd, true, 0, 0, 0);
                for (int r = 0; r < n; r++) {   // k's table is the first kd elements of each token's q-wide row
                    e.emit(Vector.of(VectorOp.MUL_ROW, v(slot, 6) + r * kw, v(slot, 3) + r * qw, 0, tmp + r * kw, kd,
                            false, 0, 0, 0));
                    e.emit(Vector.of(VectorOp.FMA_ROW, v(slot, 5) + r * kw, v(slot, 2) + r * qw, tmp + r * kw,
                            a + group * qw + r * kw, kd, true, 0, 0, 0));
                }
                vector(VectorOp.MUL_SCALAR, v(slot, 7), 0, 0, a + group * (qw + kw), n * kd, true, Registers.ONE, 0, 0);
            }

            public void store(int grp, int slot) {
                int t0 = grp * group;
                int n = rows(grp);
                int a = slot * slotA;
                e.emit(Dmas.store(c, Space.ACT, a * c.rows(), st.qa() + (long) eb * qd * t0, n, qd, (long) eb * qd,
                        qw * c.rows()));
                append.keys((a + group * qw) * c.rows(), kw * c.rows(), t0, n, 0, kd).forEach(e::emit);
                append.values((a + group * (qw + kw)) * c.rows(), kw * c.rows(), t0, n, 0, kd).forEach(e::emit);
            }
        });
    }
}
