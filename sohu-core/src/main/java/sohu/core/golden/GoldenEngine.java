package sohu.core.golden;

import java.util.List;
import java.util.Map;
import sohu.core.compile.ModelCompiler;
import sohu.core.compile.CoreConfig;
import sohu.core.compile.HbmImage;
import sohu.core.compile.KvState;
import sohu.core.compile.StepLayout;
import sohu.core.compile.StepProgram;
import sohu.core.model.Engine;
import sohu.core.model.ModelSpec;
import sohu.core.model.SequenceChunk;
import sohu.core.model.StepResult;

/**
 * The {@code golden} engine: each step is compiled ({@link ModelCompiler}) and run on the instruction-set
 * simulator ({@link GoldenSimulator}) against one HBM image that lives as long as the engine, so
 * the KV cache the programs write stays there for the next steps.
 */
public final class GoldenEngine implements Engine {
    private final ModelCompiler compiler;
    private final HbmImage image;
    private final KvState kv;
    private final GoldenSimulator sim;
    private SimResult last;
    private StepProgram lastProgram;

    /**
     * An engine for a model with its weights (Hugging Face names, row-major {@code [out][in]}).
     *
     * @param checkRaces also check every cross-queue conflict against the tokens (for tests)
     */
    public GoldenEngine(ModelSpec spec, Map<String, float[]> weights, CoreConfig core, boolean checkRaces) {
        compiler = new ModelCompiler(spec, core);
        image = compiler.initialImage(weights);
        kv = new KvState(core.kvBlocks(), core.kvBlockTokens());
        sim = new GoldenSimulator(core, checkRaces);
    }

    @Override
    public StepResult step(List<SequenceChunk> batch) {
        lastProgram = compiler.step(batch, kv, image);
        last = sim.run(lastProgram.program(), image);
        return new StepResult(logits(image, lastProgram.step(), compiler.spec().vocabSize()), last.cycles(),
                last.arrayBusyCycles());
    }

    /** The FP32 logits a step wrote to {@code image}, one row of {@code vocab} per token of the step. */
    public static double[][] logits(HbmImage image, StepLayout st, int vocab) {
        double[][] logits = new double[st.tokens()][];
        for (int t = 0; t < st.tokens(); t++) {
            float[] row = image.readFloats(st.logits() + 4L * vocab * t, vocab);
            logits[t] = new double[vocab];
            for (int i = 0; i < vocab; i++) {
                logits[t][i] = row[i];
            }
        }
        return logits;
    }

    @Override
    public void release(int sequenceId) {
        kv.release(sequenceId);
    }

    /** The HBM image (weights, KV cache, the last step's regions). */
    public HbmImage image() {
        return image;
    }

    /** The last step's simulation, or {@code null} before the first step. */
    public SimResult lastRun() {
        return last;
    }

    /** The last step's program, or {@code null} before the first step. */
    public StepProgram lastProgram() {
        return lastProgram;
    }
}
