package sohu.core.compile;

import java.util.List;
import sohu.core.model.ModelSpec;

/**
 * One layer's Q, K and V projections with RoPE and the KV-cache append. When half a head is whole
 * vector words, RoPE and the append are the products' epilogues ({@link GemmPhase.Epilogue#ROPE}
 * for Q and K, {@link GemmPhase.Epilogue#CONVERT} for V): their FP32 tiles never go out to HBM and
 * back, and the append's many short STOREs run while the array works on the next tiles. Otherwise
 * the products are stored as FP32 and {@link RowPhases#ropeAndAppend} follows. Both compute the
 * same values bit for bit.
 */
final class QkvPhase {
    private QkvPhase() {
    }

    /**
     * Whether RoPE and the append fuse into the products of {@code t} tokens on {@code c}: a head's
     * halves are whole words, and RoPE's tiles (which need more room than FP32 ones) keep
     * {@link GemmTiling#MIN_ROWS} rows or all tokens. With fewer the array waits for weight tiles
     * more than the row phase costs (8x8, 1024-word memories, hidden 512: 20-row tiles, the seed's
     * batching step 78.3% busy fused against 80.7% not).
     */
    static boolean fused(ModelSpec s, CoreConfig c, int t) {
        if (s.headDim() % (2 * c.lanes()) != 0) {
            return false;
        }
        try {
            GemmTiling g = GemmPhase.ropeTiling(c, t, s.hiddenSize(), Math.max(s.qDim(), s.kvDim()), s.headDim(),
                    "q_proj");
            return g.mt() >= Math.min(t, GemmTiling.MIN_ROWS);
        } catch (IllegalArgumentException e) {
            return false;   // no RoPE tiling fits: the FP32 products and the row phase
        }
    }

    /**
     * Emits the phase for the step's tokens ({@code st}, {@code tokens}, {@code kv}) and layer
     * {@code layer} with weights {@code q}, {@code k}, {@code v}; phase names start with {@code prefix};
     * {@code tail} (else null) the rows of {@code xn} the residual before left to normalize.
     */
    static void run(Emitter e, HbmLayout hbm, StepLayout st, List<Token> tokens, KvState kv, int layer,
                    ChipMatrix q, ChipMatrix k, ChipMatrix v, String prefix, NormEpilogue.Tail tail) {
        ModelSpec s = hbm.spec();
        CoreConfig c = hbm.core();
        int t = tokens.size();
        if (!fused(s, c, t)) {
            GemmPhase.run(e, c, t, st.xn(), List.of(new GemmPhase.Product(prefix + "q_proj", q, st.q()),
                    new GemmPhase.Product(prefix + "k_proj", k, st.k()),
                    new GemmPhase.Product(prefix + "v_proj", v, st.v())), null, tail);
            e.phase(prefix + "rope+kv_append");
            new RowPhases(e, hbm, st, tokens, kv).ropeAndAppend(layer);
            return;
        }
        KvAppend append = new KvAppend(hbm, tokens, kv, layer);
        GemmPhase.ActSink keys = GemmPhase.ActSink.streamed((sram, stride, m0, n0, mt, nt) -> append.keys(sram, stride, m0,
                mt, n0, nt));
        GemmPhase.ActSink values = (sram, stride, m0, n0, mt, nt) -> append.values(sram, stride, m0, mt, n0, nt);
        String phase = prefix + "qkv+rope+kv_append";   // one phase: the products' tiles interleave
        // K first in each tile of tokens, so its keys' stores stream beside the V and Q tiles
        GemmPhase.run(e, c, t, st.xn(), List.of(
                new GemmPhase.Product(phase, k, GemmPhase.Epilogue.ROPE, 0, keys),
                new GemmPhase.Product(phase, v, GemmPhase.Epilogue.CONVERT, 0, values),
                new GemmPhase.Product(phase, q, GemmPhase.Epilogue.ROPE, 0, GemmPhase.ActSink.rows(c, st.qa(), s.qDim()))),
                new GemmPhase.Rope(st.rope(), 8 * s.qDim(), s.headDim()), tail);
    }
}
