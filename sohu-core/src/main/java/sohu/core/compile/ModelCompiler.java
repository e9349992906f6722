package sohu.core.compile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import sohu.core.isa.Scalar;
import sohu.core.model.ModelSpec;
import sohu.core.model.SequenceChunk;
import sohu.core.xformer.Fp32;
import sohu.core.xformer.Rope;

/**
 * The compiler from a model and a batch to a {@link sohu.core.isa.Program} and its HBM image. A
 * step runs: the embedding lookup; per layer RMSNorm, the Q/K/V projections, RoPE and the KV-cache
 * append, attention ({@link AttentionPhase}), {@code o_proj} with the residual add, RMSNorm, the
 * SwiGLU FFN (gate and up with SwiGLU, then {@code down_proj} with the residual add); then the
 * final RMSNorm and the LM head into the logits region. Every product is a {@link GemmPhase} (Q, K
 * and V as one; the residual adds and SwiGLU are its fused epilogues), every row operation a
 * {@link RowPipeline}, and phases are separated by barriers (their data meets in HBM). Each
 * RMSNorm runs inside the phase before it (the embedding, or the residual product, as
 * {@link NormEpilogue}) when its rows fit there, else as a phase of its own.
 */
public final class ModelCompiler {
    private final ModelSpec spec;
    private final CoreConfig core;
    private final HbmLayout layout;

    /**
     * A compiler for one model on one core.
     *
     * @throws IllegalArgumentException when the model cannot run on the core (a head_dim the array
     *     cannot tile, layers that do not fit the memories)
     */
    public ModelCompiler(ModelSpec spec, CoreConfig core) {
        if (spec.numHeads() % spec.numKvHeads() != 0) {
            throw new IllegalArgumentException("num_attention_heads " + spec.numHeads()
                    + " is not a multiple of num_key_value_heads " + spec.numKvHeads());
        }
        AttentionPhase.rowsPerTile(spec, core);
        this.spec = spec;
        this.core = core;
        this.layout = new HbmLayout(spec, core);
    }

    /** The fixed HBM map. */
    public HbmLayout layout() {
        return layout;
    }

    /** The model. */
    public ModelSpec spec() {
        return spec;
    }

    /** The core. */
    public CoreConfig core() {
        return core;
    }

    /** The image of the fixed regions with the weights in the chip's format. */
    public HbmImage initialImage(Map<String, float[]> weights) {
        return layout.image(weights);
    }

    /**
     * Compiles one step: checks the batch, records its positions in {@code kv} (allocating blocks),
     * writes the step's tables into {@code image} (growing it) and emits the program.
     *
     * @throws IllegalArgumentException for a bad batch, before anything is changed
     */
    public StepProgram step(List<SequenceChunk> batch, KvState kv, HbmImage image) {
        List<Token> tokens = check(batch, kv);
        for (SequenceChunk ch : batch) {
            kv.append(ch.sequenceId(), ch.startPosition(), ch.length());
        }
        StepLayout st = StepLayout.of(spec, core, layout.end(), tokens.size());
        image.ensure(st.end());
        writeRope(image, st, tokens);
        Emitter e = new Emitter();
        e.phase("setup");
        e.emit(Scalar.set(Registers.ZERO, 0));
        e.emit(Scalar.set(Registers.ONE, Fp32.ONE));
        e.emit(Scalar.set(Registers.INV_N, Fp32.of(1.0 / spec.hiddenSize())));
        e.emit(Scalar.set(Registers.EPS, Fp32.of(spec.rmsNormEps())));
        e.emit(Scalar.set(Registers.SCALE, Fp32.of(1.0 / Math.sqrt(spec.headDim()))));
        RowPhases rows = new RowPhases(e, layout, st, tokens, kv);
        int t = tokens.size();
        e.phase("embedding");
        int layers = spec.numLayers();
        // each RMSNorm fused into the phase before it where its rows fit there (its last rows done
        // beside the next product's first tiles), else a phase of its own
        boolean normed = rows.embedding(layers > 0 ? layout.layer(0).inputNorm() : layout.finalNorm());
        NormEpilogue.Tail tail = null;
        for (int l = 0; l < layers; l++) {
            HbmLayout.Layer ly = layout.layer(l);
            String p = "L" + l + " ";
            if (!normed) {
                e.phase(p + "input_norm");
                rows.rmsNorm(ly.inputNorm());
            }
            QkvPhase.run(e, layout, st, tokens, kv, l, ly.q(), ly.k(), ly.v(), p, tail);
            e.phase(p + "attention");
            AttentionPhase.run(e, layout, st, tokens, kv, l);
            Optional<NormEpilogue.Tail> post = GemmPhase.residual(e, core, t, st.att(), p + "o_proj+residual", ly.o(),
                    st.x(), new GemmPhase.Norm(ly.postNorm(), st.xn()));
            if (post.isEmpty()) {
                e.phase(p + "post_norm");
                rows.rmsNorm(ly.postNorm());
            }
            GemmPhase.swiGlu(e, core, t, st.xn(), p + "gate+up+swiglu", ly.gate(), ly.up(), st.h(), post.orElse(null));
            long next = l + 1 < layers ? layout.layer(l + 1).inputNorm() : layout.finalNorm();
            Optional<NormEpilogue.Tail> down = GemmPhase.residual(e, core, t, st.h(), p + "down_proj+residual",
                    ly.down(), st.x(), new GemmPhase.Norm(next, st.xn()));
            normed = down.isPresent();
            tail = down.orElse(null);
        }
        if (!normed) {
            e.phase("final_norm");
            rows.rmsNorm(layout.finalNorm());
        }
        GemmPhase.run(e, core, t, st.xn(), "lm_head", layout.lmHead(), st.logits(), tail);
        return new StepProgram(e.finish(), st, e.phases());
    }

    /** One-shot: a fresh image and KV cache, one step. */
    public static Compiled compile(ModelSpec spec, Map<String, float[]> weights, List<SequenceChunk> batch,
                                   CoreConfig core) {
        ModelCompiler c = new ModelCompiler(spec, core);
        HbmImage image = c.initialImage(weights);
        KvState kv = new KvState(core.kvBlocks(), core.kvBlockTokens());
        StepProgram p = c.step(batch, kv, image);
        return new Compiled(p, image, c.layout);
    }

    private List<Token> check(List<SequenceChunk> batch, KvState kv) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("batch: no chunks; a step needs at least one token");
        }
        Set<Integer> seen = new HashSet<>();
        List<Token> tokens = new ArrayList<>();
        int blocks = 0;
        for (SequenceChunk ch : batch) {
            if (!seen.add(ch.sequenceId())) {
                throw new IllegalArgumentException("batch: sequence " + ch.sequenceId() + " appears twice in one step");
            }
            if (ch.startPosition() != kv.length(ch.sequenceId())) {
                throw new IllegalArgumentException("sequence " + ch.sequenceId() + ": chunk starts at position "
                        + ch.startPosition() + " but " + kv.length(ch.sequenceId()) + " positions are cached");
            }
            int[] ids = ch.tokens();
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] < 0 || ids[i] >= spec.vocabSize()) {
                    throw new IllegalArgumentException("sequence " + ch.sequenceId() + ": token " + i + " is " + ids[i]
                            + ", outside the vocabulary 0.." + (spec.vocabSize() - 1));
                }
                tokens.add(new Token(ch.sequenceId(), ch.startPosition() + i, ids[i]));
            }
            blocks += kv.blocksNeeded(ch.sequenceId(), ch.length());
        }
        if (blocks > kv.freeBlocks()) {
            throw new IllegalArgumentException("KV cache full: the batch needs " + blocks + " new blocks of "
                    + core.kvBlockTokens() + " tokens and " + kv.freeBlocks() + " are free; release finished sequences "
                    + "or configure more kvBlocks");
        }
        return tokens;
    }

    /** Per token: cos repeated per head, then sin with each head's first half negated (RoPE's rotate_half). */
    private void writeRope(HbmImage image, StepLayout st, List<Token> tokens) {
        int hd = spec.headDim();
        int half = hd / 2;
        int qd = spec.qDim();
        for (int t = 0; t < tokens.size(); t++) {
            Rope.Tables tab = Rope.tables(tokens.get(t).position(), hd, spec.ropeTheta());
            int[] cos = new int[qd];
            int[] sin = new int[qd];
            for (int h = 0; h < spec.numHeads(); h++) {
                for (int i = 0; i < half; i++) {
                    cos[h * hd + i] = tab.cos()[i];
                    cos[h * hd + half + i] = tab.cos()[i];
                    sin[h * hd + i] = Fp32.negate(tab.sin()[i]);
                    sin[h * hd + half + i] = tab.sin()[i];
                }
            }
            image.writeInts(st.rope() + 8L * qd * t, cos);
            image.writeInts(st.rope() + 8L * qd * t + 4L * qd, sin);
        }
    }
}
