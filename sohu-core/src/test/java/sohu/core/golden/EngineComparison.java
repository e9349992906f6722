package sohu.core.golden;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import sohu.core.compile.CoreConfig;
import sohu.core.model.ModelSpec;
import sohu.core.model.SequenceChunk;
import sohu.core.model.StepResult;

/**
 * Runs the golden engine and the double-precision reference side by side: a first step with
 * several prompts of different lengths, then decode steps, each engine feeding its own greedy
 * token back. Records the largest logit error relative to the largest reference logit magnitude
 * and whether every greedy token agreed.
 */
final class EngineComparison {
    /** The outcome. */
    record Outcome(double maxRelError, boolean tokensAgree, List<int[]> goldenTokens, long cycles, long busy) { }

    private EngineComparison() {
    }

    static Outcome run(ModelSpec spec, Map<String, float[]> w, CoreConfig core, int[][] prompts, int decodeSteps,
                       boolean races) {
        GoldenEngine golden = new GoldenEngine(spec, w, core, races);
        ReferenceForward ref = new ReferenceForward(spec, w);
        List<SequenceChunk> batch = new ArrayList<>();
        for (int i = 0; i < prompts.length; i++) {
            batch.add(new SequenceChunk(i, 0, prompts[i]));
        }
        int[] pos = new int[prompts.length];
        for (int i = 0; i < prompts.length; i++) {
            pos[i] = prompts[i].length;
        }
        double maxErr = 0;
        boolean agree = true;
        List<int[]> tokens = new ArrayList<>();
        long cycles = 0;
        long busy = 0;
        for (int step = 0; step <= decodeSteps; step++) {
            StepResult g = golden.step(batch);
            double[][] r = ref.step(batch);
            cycles += g.cycles();
            busy += g.arrayBusyCycles();
            int[] gNext = new int[prompts.length];
            int[] rNext = new int[prompts.length];
            int row = 0;
            for (int i = 0; i < batch.size(); i++) {
                row += batch.get(i).length();
                gNext[i] = argmax(g.logits()[row - 1]);
                rNext[i] = argmax(r[row - 1]);
            }
            for (int t = 0; t < r.length; t++) {
                double scale = 0;
                for (double v : r[t]) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int v = 0; v < r[t].length; v++) {
                    maxErr = Math.max(maxErr, Math.abs(g.logits()[t][v] - r[t][v]) / scale);
                }
            }
            agree &= java.util.Arrays.equals(gNext, rNext);
            tokens.add(gNext);
            batch = new ArrayList<>();
            for (int i = 0; i < prompts.length; i++) {
                batch.add(new SequenceChunk(i, pos[i]++, new int[] {gNext[i]}));
            }
            if (!agree) {
                break;
            }
        }
        return new Outcome(maxErr, agree, tokens, cycles, busy);
    }

    static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
