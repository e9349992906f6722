package sohu.core.sched;

import java.util.LinkedHashMap;
import java.util.Map;
import sohu.core.compile.CoreConfig;
import sohu.core.compile.HbmImage;
import sohu.core.compile.KvState;
import sohu.core.compile.ModelCompiler;
import sohu.core.compile.StepProgram;
import sohu.core.fp.FpFormat;
import sohu.core.golden.GoldenSimulator;
import sohu.core.golden.SimResult;
import sohu.core.model.Checkpoint;
import sohu.core.model.ModelSpec;
import sohu.core.model.RandomLlama;
import sohu.core.perf.StepCycleModel;
import sohu.core.perf.StepTiming;

/**
 * One {@link SeedStep} compiled by the {@link ModelCompiler} for a core and timed: by the step
 * cycle model ({@link StepCycleModel}) and, when asked, by the golden simulator running the
 * program on a random checkpoint of the scaled model, whose cycles must equal the model's.
 *
 * @param step         the step
 * @param core         the core
 * @param instructions instructions in the compiled program
 * @param timing       the step cycle model's timing
 * @param goldenCycles the golden simulator's cycles, or -1 when it did not run
 */
public record SeedStepRun(SeedStep step, CoreConfig core, int instructions, StepTiming timing, long goldenCycles) {
    /** Seed of the random checkpoint the golden simulator runs on. */
    public static final long WEIGHT_SEED = 2175;

    /** The default core of {@code n × n} in {@code format} with a KV pool large enough for the step. */
    public static CoreConfig core(int n, FpFormat format, SeedStep step) {
        CoreConfig c = CoreConfig.of(n, format);
        return c.withKvBlocks(Math.max(c.kvBlocks(), step.kvBlocks(c.kvBlockTokens())));
    }

    /**
     * Compiles and times {@code step} on {@code core}.
     *
     * @param golden also run the golden simulator (slow: every multiply-add in the chip's arithmetic)
     * @throws IllegalStateException when the golden simulator's cycles differ from the model's
     */
    public static SeedStepRun run(SeedStep step, CoreConfig core, boolean golden) {
        Compiled c = compile(step, core, golden);
        long g = -1;
        if (golden) {
            SimResult r = new GoldenSimulator(core, false).run(c.program().program(), c.image());
            g = r.cycles();
            if (g != Math.round(c.timing().cycles())) {
                throw new IllegalStateException("step cycle model: " + Math.round(c.timing().cycles()) + " cycles, golden "
                        + "simulator " + g + " for the " + step.kind() + " step on " + core.tag());
            }
        }
        return new SeedStepRun(step, core, c.program().program().size(), c.timing(), g);
    }

    /**
     * A step compiled for a core, ready to run on an engine.
     *
     * @param program the compiled step
     * @param image   the HBM image it runs on (the step's inputs written; the weights when asked)
     * @param timing  the step cycle model's timing of the program
     */
    public record Compiled(StepProgram program, HbmImage image, StepTiming timing) { }

    /**
     * Compiles {@code step} for {@code core} and times it on the step cycle model.
     *
     * @param weights put a random checkpoint of the scaled model in the image (else zeros: the timing is the same)
     */
    public static Compiled compile(SeedStep step, CoreConfig core, boolean weights) {
        ModelSpec spec = step.model();
        ModelCompiler compiler = new ModelCompiler(spec, core);
        HbmImage image = weights ? compiler.initialImage(weights(spec)) : new HbmImage(compiler.layout().end());
        KvState kv = new KvState(core.kvBlocks(), core.kvBlockTokens());
        step.cacheContexts(kv);
        StepProgram p = compiler.step(step.batch(), kv, image);
        return new Compiled(p, image, StepCycleModel.run(p.program(), core));
    }

    private static Map<String, float[]> weights(ModelSpec spec) {
        Checkpoint ck = RandomLlama.generate(spec, WEIGHT_SEED);
        Map<String, float[]> w = new LinkedHashMap<>();
        ck.tensors().forEach((name, t) -> w.put(name, t.data()));
        return w;
    }
}
