package sohu.core.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * real ones; only HBM addresses differ (every region at 0), which no cycle estimate depends on.
 *
 * <p>Why the sum is exact: after every barrier the emitter is in the same state (no token in
 * flight, one pending compute → load and compute → store pop) and all queues wait for the
 * barrier's SYNC, so a piece takes the same cycles wherever it occurs. The first piece (the
 * prologue and the embedding, which start the step) comes as the program {@code piece; finish},
 * every other as {@code barrier; piece; finish}; so the step's cycles are
 * {@code cycles(first) + Σ count × (cycles(piece program) − cycles(empty()))}. Layers
 * repeat the same pieces; attention tiles differ only by their rows and KV blocks; row phases
 * depend only on the token count. This mirrors the phase order of {@link ModelCompiler#step}:
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
     * phases ({@link #rowPieces} at full width), then the products and attention tiles.
     *
     * @throws IllegalArgumentException when the model does not fit the core or the batch is empty
     */
    public static void forEach(ModelSpec spec, CoreConfig core, List<SequenceChunk> batch, Sink sink) {
        rowPieces(spec, core, batch, 1, sink);
        matrixPieces(spec, core, batch, sink);
    }

    /**
     * The row phases (the first piece among them): embedding, RMSNorm, RoPE with the KV append,
     * residual and SwiGLU, with the model's widths (hidden, FFN and query heads) divided by
     * {@code divisor}. A model wider than the ISA's fields (8191 elements per vector instruction)
     * is timed at narrower widths, whose cycles grow linearly with the width.
     *
     * @throws IllegalArgumentException when a divided width is not whole, or the rows do not fit the core
     */
    public static void rowPieces(ModelSpec spec, CoreConfig core, List<SequenceChunk> batch, int divisor,
                                 Sink sink) {
        int t = tokens(batch);
        if (divisor < 1 || spec.hiddenSize() % divisor != 0 || spec.intermediateSize() % divisor != 0
                || spec.numHeads() % divisor != 0) {
            throw new IllegalArgumentException("row phases: hidden " + spec.hiddenSize() + ", FFN "
                    + spec.intermediateSize() + " and " + spec.numHeads() + " heads cannot all be divided by " + divisor);
        }
        int layers = spec.numLayers();
        int b = core.kvBlockTokens();
        // Row phases: the same instructions per token wherever its KV block is, so one sequence of t tokens.
        ModelSpec rowSpec = new ModelSpec(spec.hiddenSize() / divisor, spec.intermediateSize() / divisor,
                spec.numHeads() / divisor, spec.numKvHeads(), spec.headDim(), 0, spec.rmsNormEps(), spec.ropeTheta(), 1,
                false);
        HbmLayout rowHbm = new HbmLayout(rowSpec, core.withKvBlocks(1));
        StepLayout zero = new StepLayout(t, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        List<Token> rowTokens = new ArrayList<>();
        for (int i = 0; i < t; i++) {
            rowTokens.add(new Token(0, i, 0));
        }
        // the step's prologue (ModelCompiler.step's scalar registers) and the embedding, from time 0
        Emitter first = new Emitter();
        first.emit(Scalar.set(Registers.ZERO, 0));
        first.emit(Scalar.set(Registers.ONE, Fp32.ONE));
        first.emit(Scalar.set(Registers.INV_N, Fp32.of(1.0 / spec.hiddenSize())));
        first.emit(Scalar.set(Registers.EPS, Fp32.of(spec.rmsNormEps())));
        first.emit(Scalar.set(Registers.SCALE, Fp32.of(1.0 / Math.sqrt(spec.headDim()))));
        rowPhases(first, rowHbm, zero, rowTokens, b).embedding();
        sink.accept("embedding", first.finish(), 1, true);
        piece(sink, "rmsnorm", 2L * layers + 1, e -> rowPhases(e, rowHbm, zero, rowTokens, b).rmsNorm(0));
        piece(sink, "rope+append", layers, e -> rowPhases(e, rowHbm, zero, rowTokens, b).ropeAndAppend(0));
        piece(sink, "residual", 2L * layers, e -> rowPhases(e, rowHbm, zero, rowTokens, b).residual());
        piece(sink, "swiglu", layers, e -> rowPhases(e, rowHbm, zero, rowTokens, b).swiglu());
    }

    private static int tokens(List<SequenceChunk> batch) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("batch: no chunks; a step needs at least one token");
        }
        return batch.stream().mapToInt(c -> c.tokens().length).sum();
    }

    /** The matrix products (one piece per distinct shape) and the attention tiles of the step. */
    public static void matrixPieces(ModelSpec spec, CoreConfig core, List<SequenceChunk> batch, Sink sink) {
        int t = tokens(batch);
        int maxRows = AttentionPhase.rowsPerTile(spec, core);
        int layers = spec.numLayers();
        int h = spec.hiddenSize();
        Map<List<Integer>, Long> gemms = new TreeMap<>((x, y) -> x.get(0).equals(y.get(0))
                ? Integer.compare(x.get(1), y.get(1)) : Integer.compare(x.get(0), y.get(0)));
        gemms.merge(List.of(h, spec.qDim()), (long) layers, Long::sum);
        gemms.merge(List.of(h, spec.kvDim()), 2L * layers, Long::sum);
        gemms.merge(List.of(spec.qDim(), h), (long) layers, Long::sum);
        gemms.merge(List.of(h, spec.intermediateSize()), 2L * layers, Long::sum);
        gemms.merge(List.of(spec.intermediateSize(), h), (long) layers, Long::sum);
        gemms.merge(List.of(h, spec.vocabSize()), 1L, Long::sum);
        long scale = WeightConversion.scaled(core.format()) ? 0 : -1;
        for (Map.Entry<List<Integer>, Long> g : gemms.entrySet()) {
            int k = g.getKey().get(0);
            int n = g.getKey().get(1);
            if (g.getValue() > 0) {
                piece(sink, "gemm " + k + "x" + n, g.getValue(),
                        e -> GemmPhase.run(e, core, t, 0, new ChipMatrix("w", 0, k, n, scale), 0));
            }
        }
        attention(spec, core, batch, maxRows, sink);
    }

    private static RowPhases rowPhases(Emitter e, HbmLayout hbm, StepLayout st, List<Token> tokens, int b) {
        KvState kv = new KvState((tokens.size() + b - 1) / b, b);
        kv.append(0, 0, tokens.size());
        return new RowPhases(e, hbm, st, tokens, kv);
    }

    /** Attention tiles as {@link AttentionPhase#run} forms them, by (rows, KV blocks), one head of one layer each. */
    private static void attention(ModelSpec spec, CoreConfig core, List<SequenceChunk> batch, int maxRows,
                                  Sink sink) {
        int b = core.kvBlockTokens();
        Map<Long, Long> tiles = new TreeMap<>();
        for (SequenceChunk ch : batch) {
            int n = ch.tokens().length;
            for (int r0 = 0; r0 < n; r0 += maxRows) {
                int mq = Math.min(maxRows, n - r0);
                int blocks = (ch.startPosition() + r0 + mq - 1) / b + 1;
                tiles.merge((long) mq << 32 | blocks, (long) spec.numHeads() * spec.numLayers(), Long::sum);
            }
        }
        ModelSpec one = new ModelSpec(spec.hiddenSize(), spec.intermediateSize(), 1, 1, spec.headDim(), 0,
                spec.rmsNormEps(), spec.ropeTheta(), 1, false);
        HbmLayout hbm = new HbmLayout(one, core.withKvBlocks(1));
        for (Map.Entry<Long, Long> tile : tiles.entrySet()) {
            int mq = (int) (tile.getKey() >>> 32);
            int blocks = (int) (long) tile.getKey();
            List<Token> tokens = new ArrayList<>();
            for (int i = 0; i < mq; i++) {
                tokens.add(new Token(0, blocks * b - mq + i, 0));
            }
            KvState kv = new KvState(blocks, b);
            kv.append(0, 0, blocks * b);
            StepLayout zero = new StepLayout(mq, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            piece(sink, "attention " + mq + " rows x " + blocks + " blocks", tile.getValue(),
                    e -> AttentionPhase.run(e, hbm, zero, tokens, kv, 0));
        }
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
