package sohu.verify.soc;

import java.util.List;
import java.util.Map;
import sohu.core.compile.CoreConfig;
import sohu.core.compile.HbmImage;
import sohu.core.compile.KvState;
import sohu.core.compile.ModelCompiler;
import sohu.core.compile.StepProgram;
import sohu.core.golden.GoldenEngine;
import sohu.core.model.Engine;
import sohu.core.model.ModelSpec;
import sohu.core.model.SequenceChunk;
import sohu.core.model.StepResult;
import sohu.core.soc.rtl.SohuCore;
import sohu.verilator.axi.HbmConfig;

/**
 * The {@code rtl} engine: each step is compiled exactly as the {@link GoldenEngine} compiles it and
 * run on the generated {@link SohuCore} in Verilator ({@link SohuCoreHarness}: the HBM model, the
 * AXI4-Lite control slave), against one HBM image that lives as long as the engine. The program
 * sits in HBM just past the image, where the core fetches it.
 */
public final class RtlEngine implements Engine {
    /** The clock the core's cycles are counted at: 1 GHz, an assumption for tokens per second. */
    public static final double CLOCK_HZ = 1e9;

    private final ModelCompiler compiler;
    private final HbmImage image;
    private final KvState kv;
    private final SohuCoreHarness core;
    private StepProgram lastProgram;
    private SohuCoreHarness.Run last;

    /** An engine for a model with its weights (Hugging Face names) on {@code core}, HBM as {@code hbm}. */
    public RtlEngine(ModelSpec spec, Map<String, float[]> weights, CoreConfig core, HbmConfig hbm) {
        compiler = new ModelCompiler(spec, core);
        image = compiler.initialImage(weights);
        kv = new KvState(core.kvBlocks(), core.kvBlockTokens());
        this.core = new SohuCoreHarness(SohuCore.Params.of(core), hbm);
    }

    /** The same on an HBM3-like model at 100 cycles of latency. */
    public RtlEngine(ModelSpec spec, Map<String, float[]> weights, CoreConfig core) {
        this(spec, weights, core, HbmConfig.hbm3(100));
    }

    @Override
    public StepResult step(List<SequenceChunk> batch) {
        lastProgram = compiler.step(batch, kv, image);
        last = core.run(lastProgram.program(), image, RtlStep.programAddress(image));
        return new StepResult(GoldenEngine.logits(image, lastProgram.step(), compiler.spec().vocabSize()), last.cycles(),
                last.counter("array_busy"));
    }

    @Override
    public void release(int sequenceId) {
        kv.release(sequenceId);
    }

    @Override
    public double clockHz() {
        return CLOCK_HZ;
    }

    /** The HBM image (weights, KV cache, the last step's regions). */
    public HbmImage image() {
        return image;
    }

    /** The last step's run (cycles, counters), or {@code null} before the first step. */
    public SohuCoreHarness.Run lastRun() {
        return last;
    }

    /** The last step's program, or {@code null} before the first step. */
    public StepProgram lastProgram() {
        return lastProgram;
    }

    @Override
    public void close() {
        core.close();
    }
}
