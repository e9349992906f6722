package sohu.cli.batching;

import java.util.List;
import sohu.core.compile.CoreConfig;
import sohu.core.sched.SeedStep;

/**
 * What every point of a run shares: the step's shape and the engine that times it.
 *
 * @param prefill prompt tokens of the mixed step
 * @param decode  decode sequences of the step
 * @param layers  layers of the scaled model
 * @param depth   words of each of the core's four memories (activation, weight, accumulator, vector)
 * @param engine  {@code golden} (the golden simulator and the step cycle model), {@code model} (the model alone)
 *                or {@code rtl} (the RTL core in Verilator, the model beside it)
 */
public record BatchingSettings(int prefill, int decode, int layers, int depth, String engine) {
    /** The default core's memories ({@link CoreConfig#of}). */
    public static final int DEFAULT_DEPTH = 1024;
    /** The engines, as {@code --engine} names them. */
    public static final List<String> ENGINES = List.of("golden", "model", "rtl");

    /** Checks the engine's name. */
    public BatchingSettings {
        if (!ENGINES.contains(engine)) {
            throw new IllegalArgumentException("engine must be golden, model or rtl, got '" + engine + "'");
        }
    }

    /** The step a point runs. */
    public SeedStep step(BatchingPoint p) {
        SeedStep s = new SeedStep(prefill, decode, layers, false);
        return p.decodeOnly() ? s.withoutPrefill() : s;
    }

    /** The core a point runs on. */
    public CoreConfig core(BatchingPoint p) {
        CoreConfig c = sohu.core.sched.SeedStepRun.core(p.size(), p.format(), step(p));
        return new CoreConfig(c.rows(), c.cols(), c.format(), c.lanes(), depth, depth, depth, depth, c.kvBlockTokens(),
                c.kvBlocks(), c.axiBytes());
    }

    /** Whether the golden simulator runs too. */
    public boolean golden() {
        return engine.equals("golden");
    }

    /** Whether the step runs on the RTL core. */
    public boolean rtl() {
        return engine.equals("rtl");
    }
}
