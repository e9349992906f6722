package sohu.core.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import sohu.core.isa.Program;
import sohu.core.isa.Scalar;
import sohu.core.model.ModelSpec;
import sohu.core.model.SequenceChunk;
import sohu.core.xformer.Fp32;

/**
 * The step {@link ModelCompiler#step} would compile, cut at its barriers into the distinct pieces
 * with the number of times each occurs, for timing steps too large to compile whole (a full-size
 * model's program has tens of millions of instructions and addresses beyond the ISA's 32-bit HBM
 * field). Each piece is emitted by the compiler's own phase code, so its instructions are the
 * real ones; only HBM addresses differ (step regions at 0, one layer), which no cycle estimate
 * depends on.
 *
 * <p>Why the sum is exact: the compiler's barriers end every phase (each row phase, each GEMM
 * pipeline, each layer's attention), and after every barrier the emitter is in the same state (no
 * token in flight, one pending compute → load and compute → store pop) and all queues wait for the
 * barrier's SYNC, so a piece takes the same cycles wherever it occurs. The first piece (the
 * prologue and the embedding, which start the step) comes as the program {@code piece; finish},
 * every other as {@code barrier; piece; finish}; so the step's cycles are
 * {@code cycles(first) + Σ count × (cycles(piece program) − cycles(empty()))}. Layers repeat the
 * same pieces: a layer's attention ({@link AttentionPhase#run} of the whole batch, whose tiles
 * follow each other without barriers) and its RoPE/append depend on the batch's sequences and
 * positions, which every layer shares. This mirrors the phase order of {@link ModelCompiler#step}:
 * a change there must be made here too (the tests compare both on compiled steps).
 */
public final class StepSegments {
    private StepSegments() {
    }

    /** Receives each distinct piece once. */
    public interface Sink {
        /**
         * One piece.
         *
         * @param name    what it is, e.g. {@code gemm 8192x1024}
         * @param program {@code piece; finish} for the first, else {@code barrier; piece; finish}
         * @param count   how many times the step runs it
         * @param first   whether it is the first piece (it runs once)
         */
        void accept(String name, Program program, long count, boolean first);
    }

    /** {@code barrier; finish}: the overhead every piece program carries. */
    public static Program empty() {
        Emitter e = new Emitter();
        e.barrier();
        return e.finish();
    }

    /**
     * The pieces of the step of {@code batch} (chunks continuing sequences whose earlier positions
     * are cached: a chunk's start position is its cached length; token ids are ignored): the row
     * phases ({@link #rowPieces}), then the products and attention tiles.
     *
     * @throws IllegalArgumentException when the model does not fit the core or the batch is empty
     */
    public static void forEach(ModelSpec spec, CoreConfig core, List<SequenceChunk> batch, Sink sink) {
        rowPieces(spec, core, batch, sink);
        matrixPieces(spec, core, batch, sink);
    }

    /**
     * The row phases (the first piece among them): the embedding and RMSNorm.
     *
     * @throws IllegalArgumentException when the batch is empty or the rows do not fit the core
     */
    public static void rowPieces(ModelSpec spec, CoreConfig core, List<SequenceChunk> batch, Sink sink) {
        int t = tokens(batch);
        int layers = spec.numLayers();
        HbmLayout rowHbm = new HbmLayout(oneLayerSpec(spec), core.withKvBlocks(1));
        StepLayout zero = zero(t);
        // the batch's own tokens: the KV append's stores follow their sequences and block boundaries
        List<Token> rowTokens = tokenList(batch);
        // the step's prologue (ModelCompiler.step's scalar registers) and the embedding, from time 0
        Emitter first = new Emitter();
        first.emit(Scalar.set(Registers.ZERO, 0));
        first.emit(Scalar.set(Registers.ONE, Fp32.ONE));
        first.emit(Scalar.set(Registers.INV_N, Fp32.of(1.0 / spec.hiddenSize())));
        first.emit(Scalar.set(Registers.EPS, Fp32.of(spec.rmsNormEps())));
        first.emit(Scalar.set(Registers.SCALE, Fp32.of(1.0 / Math.sqrt(spec.headDim()))));
        boolean embeddingNorms = new RowPhases(first, rowHbm, zero, rowTokens, kv(core, batch)).embedding(0);
        sink.accept("embedding", first.finish(), 1, true);
        // the norms not fused into the phase before them: the first (after the embedding), each
        // layer's post-attention one (after o_proj) and the next one (after down_proj)
        long scale = scale(core);
        int h = spec.hiddenSize();
        long alone = (embeddingNorms ? 0 : 1)
                + (GemmPhase.normGroup(core, t, new ChipMatrix("w", 0, spec.qDim(), h, scale)) > 0 ? 0 : layers)
                + (GemmPhase.normGroup(core, t, new ChipMatrix("w", 0, spec.intermediateSize(), h, scale)) > 0 ? 0 : layers);
        piece(sink, "rmsnorm", alone, e -> new RowPhases(e, rowHbm, zero, rowTokens, kv(core, batch)).rmsNorm(0));
    }

    /** A piece's weight-scale address: 0 for FP8 (scaled), else none. */
    private static long scale(CoreConfig core) {
        return WeightConversion.scaled(core.format()) ? 0 : -1;
    }

    private static int tokens(List<SequenceChunk> batch) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("batch: no chunks; a step needs at least one token");
        }
        return batch.stream().mapToInt(c -> c.tokens().length).sum();
    }

    /** The step regions, all at 0. */
    private static StepLayout zero(int t) {
        return new StepLayout(t, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** The batch's tokens as {@link ModelCompiler#step} lists them (ids 0). */
    private static List<Token> tokenList(List<SequenceChunk> batch) {
        List<Token> tokens = new ArrayList<>();
        for (SequenceChunk ch : batch) {
            for (int i = 0; i < ch.tokens().length; i++) {
                tokens.add(new Token(ch.sequenceId(), ch.startPosition() + i, 0));
            }
        }
        return tokens;
    }

    /** A KV cache holding every chunk's cached and new positions. */
    private static KvState kv(CoreConfig core, List<SequenceChunk> batch) {
        KvState kv = new KvState(blocksUsed(core, batch), core.kvBlockTokens());
        for (SequenceChunk ch : batch) {
            kv.append(ch.sequenceId(), 0, ch.startPosition() + ch.tokens().length);
        }
        return kv;
    }

    /**
     * The GEMM pipelines (Q/K/V with RoPE and the KV append, {@code o_proj} with the residual, gate/up with SwiGLU,
     * {@code down_proj} with the residual, the LM head) and the layers' attention.
     */
    public static void matrixPieces(ModelSpec spec, CoreConfig core, List<SequenceChunk> batch, Sink sink) {
        int t = tokens(batch);
        AttentionPhase.rowsPerTile(spec, core);
        int layers = spec.numLayers();
        int h = spec.hiddenSize();
        int f = spec.intermediateSize();
        // key: K then each product's N, in pipeline order; insertion order keeps the output deterministic
        Map<List<Integer>, Long> gemms = new LinkedHashMap<>();
        gemms.merge(List.of(h, spec.vocabSize()), 1L, Long::sum);
        long scale = scale(core);
        GemmPhase.Norm norm = new GemmPhase.Norm(0, 0);
        // the rows of the fused norms each residual leaves to the next product (null: none)
        NormEpilogue.Tail[] post = {null};
        NormEpilogue.Tail[] next = {null};
        if (layers > 0) {   // the fused epilogues: o_proj and down_proj with the residual, gate and up with SwiGLU
            piece(sink, "gemm " + spec.qDim() + "x" + h + "+residual", layers,
                    e -> post[0] = GemmPhase.residual(e, core, t, 0, "o", new ChipMatrix("w", 0, spec.qDim(), h, scale),
                            0, norm).orElse(null));
            piece(sink, "gemm " + h + "x" + f + "+" + f + " swiglu", layers,
                    e -> GemmPhase.swiGlu(e, core, t, 0, "ffn", new ChipMatrix("w", 0, h, f, scale),
                            new ChipMatrix("w", 0, h, f, scale), 0, post[0]));
            piece(sink, "gemm " + f + "x" + h + "+residual", layers,
                    e -> next[0] = GemmPhase.residual(e, core, t, 0, "down", new ChipMatrix("w", 0, f, h, scale), 0,
                            norm).orElse(null));
            // the first layer's after the embedding, the others' after the layer before's down_proj
            if (next[0] == null) {
                qkv(spec, core, batch, sink, scale, layers, null);
            } else {
                qkv(spec, core, batch, sink, scale, 1, null);
                qkv(spec, core, batch, sink, scale, layers - 1, next[0]);
            }
        }
        for (Map.Entry<List<Integer>, Long> g : gemms.entrySet()) {
            int k = g.getKey().get(0);
            List<Integer> ns = g.getKey().subList(1, g.getKey().size());
            List<GemmPhase.Product> products = new ArrayList<>();
            StringBuilder name = new StringBuilder("gemm " + k + "x");
            for (int i = 0; i < ns.size(); i++) {
                products.add(new GemmPhase.Product("p" + i, new ChipMatrix("w", 0, k, ns.get(i), scale), 0));
                name.append(i > 0 ? "+" : "").append(ns.get(i));
            }
            if (ns.stream().allMatch(n -> n > 0)) {
                // the LM head, after the last down_proj
                piece(sink, name.toString(), g.getValue(), e -> GemmPhase.run(e, core, t, 0, products, null, next[0]));
            }
        }
        if (layers > 0) {
            attention(spec, core, batch, sink);
        }
    }

    /**
     * One layer's Q/K/V products with RoPE and the KV append ({@link QkvPhase}), as {@code count}
     * layers run them, with {@code tail} (else null) the norm rows the residual before left.
     */
    private static void qkv(ModelSpec spec, CoreConfig core, List<SequenceChunk> batch, Sink sink, long scale,
                            long count, NormEpilogue.Tail tail) {
        HbmLayout hbm = oneLayer(spec, core, batch);
        List<Token> tokens = tokenList(batch);
        int h = spec.hiddenSize();
        piece(sink, "gemm " + h + "x" + spec.qDim() + "+" + spec.kvDim() + "+" + spec.kvDim() + " rope+append"
                + (tail == null ? "" : "+norm rows"), count, e -> QkvPhase.run(e, hbm, zero(tokens.size()), tokens, kv(core, batch), 0,
                        new ChipMatrix("w", 0, h, spec.qDim(), scale), new ChipMatrix("w", 0, h, spec.kvDim(), scale),
                        new ChipMatrix("w", 0, h, spec.kvDim(), scale), "", tail));
    }

    /** One layer's attention over the whole batch, as {@link ModelCompiler#step} runs it once per layer. */
    private static void attention(ModelSpec spec, CoreConfig core, List<SequenceChunk> batch, Sink sink) {
        KvState kv = kv(core, batch);
        HbmLayout hbm = oneLayer(spec, core, batch);
        List<Token> tokens = tokenList(batch);
        StepLayout zero = zero(tokens.size());
        piece(sink, "attention " + batch.size() + " chunks", spec.numLayers(),
                e -> AttentionPhase.run(e, hbm, zero, tokens, kv, 0));
    }

    /** One layer of the model (no vocabulary) with a KV pool of the blocks the batch occupies. */
    private static HbmLayout oneLayer(ModelSpec spec, CoreConfig core, List<SequenceChunk> batch) {
        return new HbmLayout(oneLayerSpec(spec), core.withKvBlocks(blocksUsed(core, batch)));
    }

    /** The model cut to one layer and no vocabulary: a piece's addresses, not its timing, depend on the rest. */
    private static ModelSpec oneLayerSpec(ModelSpec spec) {
        return new ModelSpec(spec.hiddenSize(), spec.intermediateSize(), spec.numHeads(), spec.numKvHeads(),
                spec.headDim(), 0, spec.rmsNormEps(), spec.ropeTheta(), 1, false);
    }

    /** KV blocks the batch's sequences occupy after the step. */
    private static int blocksUsed(CoreConfig core, List<SequenceChunk> batch) {
        int b = core.kvBlockTokens();
        return batch.stream().mapToInt(ch -> (ch.startPosition() + ch.tokens().length + b - 1) / b).sum();
    }

    /** A piece run {@code count} times (none: nothing to time) after a barrier. */
    private static void piece(Sink sink, String name, long count, Consumer<Emitter> body) {
        if (count > 0) {
            Emitter e = new Emitter();
            e.barrier();
            body.accept(e);
            sink.accept(name, e.finish(), count, false);
        }
    }
}
