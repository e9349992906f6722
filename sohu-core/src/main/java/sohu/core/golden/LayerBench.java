package sohu.core.golden;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sohu.core.compile.CoreConfig;
import sohu.core.compile.HbmImage;
import sohu.core.compile.KvState;
import sohu.core.compile.ModelCompiler;
import sohu.core.compile.StepProgram;
import sohu.core.model.Checkpoint;
import sohu.core.model.ModelSpec;
import sohu.core.model.RandomLlama;
import sohu.core.model.SequenceChunk;
import sohu.core.model.Tensor;

/**
 * One decoder layer's prefill on the golden simulator's timing: a one-layer model from
 * {@link RandomLlama}, one sequence of {@code tokens} prompt tokens compiled as one step, run
 * {@link GoldenSimulator#timingOnly timing only}; the layer's window is its phases ({@code L0 ...}),
 * without the embedding, the final norm and the LM head.
 *
 * @param spec         the model (one layer)
 * @param core         the core
 * @param tokens       prompt tokens
 * @param instructions instructions of the whole step
 * @param step         the compiled step
 * @param run          the whole step's simulation
 * @param layer        the layer's window, by phase
 * @param image        the HBM image the step runs on (weights, the step's inputs), untouched by the timing run
 */
public record LayerBench(ModelSpec spec, CoreConfig core, int tokens, int instructions, StepProgram step, SimResult run,
                         CycleBreakdown layer, HbmImage image) {
    /** The prefix of the layer's phase names. */
    public static final String LAYER = "L0 ";

    /**
     * Compiles and times the layer.
     *
     * @throws IllegalArgumentException when the model does not fit the core or the KV pool
     */
    public static LayerBench run(ModelSpec spec, CoreConfig core, int tokens, long seed) {
        if (spec.numLayers() != 1) {
            throw new IllegalArgumentException("the layer bench takes a one-layer model, got " + spec.numLayers());
        }
        if (tokens < 1) {
            throw new IllegalArgumentException("tokens must be at least 1, got " + tokens);
        }
        int blocks = (tokens + core.kvBlockTokens() - 1) / core.kvBlockTokens();
        CoreConfig c = core.kvBlocks() >= blocks ? core : core.withKvBlocks(blocks);
        ModelCompiler compiler = new ModelCompiler(spec, c);
        HbmImage image = compiler.initialImage(weights(RandomLlama.generate(spec, seed)));
        int[] ids = new int[tokens];
        for (int i = 0; i < tokens; i++) {
            ids[i] = (int) ((i * 2654435761L) % spec.vocabSize());
        }
        StepProgram step = compiler.step(List.of(new SequenceChunk(0, 0, ids)),
                new KvState(c.kvBlocks(), c.kvBlockTokens()), image);
        SimResult r = GoldenSimulator.timingOnly(c).run(step.program(), image);
        return new LayerBench(spec, c, tokens, step.program().size(), step, r, window(step, r, c), image);
    }

    /** The layer's window of a run (the golden simulator's or one measured on the RTL) of {@code step}. */
    public static CycleBreakdown window(StepProgram step, SimResult r, CoreConfig c) {
        int from = -1;
        int to = -1;
        for (int p = 0; p < step.phases().size(); p++) {
            if (step.phases().get(p).name().startsWith(LAYER)) {
                from = from < 0 ? p : from;
                to = p + 1;
            }
        }
        return CycleBreakdown.of(step, r, c, from, to);
    }

    static Map<String, float[]> weights(Checkpoint model) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : model.tensors().entrySet()) {
            out.put(e.getKey(), e.getValue().data());
        }
        return out;
    }
}
