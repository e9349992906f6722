package sohu.cli.batching;

import sohu.core.compile.CoreConfig;
import sohu.core.sched.SeedStep;

/**
 * What every point of a run shares: the step's shape and whether the golden simulator runs.
 *
 * @param prefill prompt tokens of the mixed step
 * @param decode  decode sequences of the step
 * @param layers  layers of the scaled model
 * @param depth   words of each of the core's four memories (activation, weight, accumulator, vector)
 * @param golden  time the step on the golden simulator too (else the step cycle model alone)
 */
public record BatchingSettings(int prefill, int decode, int layers, int depth, boolean golden) {
    /** The default core's memories ({@link CoreConfig#of}). */
    public static final int DEFAULT_DEPTH = 1024;

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

    /** "golden" or "model". */
    public String engine() {
        return golden ? "golden" : "model";
    }
}
