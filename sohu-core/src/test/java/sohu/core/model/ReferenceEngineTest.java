package sohu.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/** The reference engine against a hand-worked model, a matrix-form oracle, and itself chunked differently. */
class ReferenceEngineTest {
    private static final Checkpoint TINY = RandomLlama.generate(ModelSpec.tiny(), 11);
    private static final int[] PROMPT = {3, 141, 59, 265, 358, 97, 93};

    private static double[][] run(Engine e, SequenceChunk... chunks) {
        return e.step(List.of(chunks)).logits();
    }

    private static void assertRowsEqual(double[][] want, double[][] got, double tol) {
        assertEquals(want.length, got.length);
        for (int t = 0; t < want.length; t++) {
            for (int v = 0; v < want[t].length; v++) {
                assertEquals(want[t][v], got[t][v], tol, "token " + t + " logit " + v);
            }
        }
    }

    private static double rms(double a, double b, double eps) {
        return Math.sqrt((a * a + b * b) / 2 + eps);
    }

    private static double silu(double z) {
        return z / (1 + Math.exp(-z));
    }

    /** A 1-layer model with hidden 2, identity projections and a one-unit SwiGLU, worked by hand. */
    @Test
    void oneLayerByHand() {
        double eps = 1e-6;
        ModelSpec spec = new ModelSpec(2, 1, 1, 1, 2, 1, eps, 10000, 2, false);
        Map<String, Tensor> w = new LinkedHashMap<>();
        Tensor id = new Tensor(new int[] {2, 2}, new float[] {1, 0, 0, 1});
        Tensor ones = new Tensor(new int[] {2}, new float[] {1, 1});
        w.put(Checkpoint.EMBED, new Tensor(new int[] {2, 2}, new float[] {3, 4, 1, -1}));
        for (Checkpoint.LayerTensor t : new Checkpoint.LayerTensor[] {Checkpoint.LayerTensor.Q, Checkpoint.LayerTensor.K,
            Checkpoint.LayerTensor.V, Checkpoint.LayerTensor.O}) {
            w.put(t.name(0), id);
        }
        w.put(Checkpoint.LayerTensor.INPUT_NORM.name(0), ones);
        w.put(Checkpoint.LayerTensor.POST_NORM.name(0), ones);
        w.put(Checkpoint.LayerTensor.GATE.name(0), new Tensor(new int[] {1, 2}, new float[] {1, 0}));
        w.put(Checkpoint.LayerTensor.UP.name(0), new Tensor(new int[] {1, 2}, new float[] {0, 1}));
        w.put(Checkpoint.LayerTensor.DOWN.name(0), new Tensor(new int[] {2, 1}, new float[] {1, 0}));
        w.put(Checkpoint.NORM, ones);
        w.put(Checkpoint.LM_HEAD, id);
        double[][] got = run(new ReferenceEngine(Checkpoint.of(spec, w, "hand")), new SequenceChunk(0, 0, new int[] {0, 1}));

        // Token 0 = (3, 4) at position 0: RoPE is the identity and the one key gets all the attention.
        double r = rms(3, 4, eps);
        double[] h0 = {3 / r, 4 / r};
        double[] want0 = afterAttention(new double[] {3, 4}, h0, eps);
        // Token 1 = (1, -1) at position 1: q and k rotate by 1 radian (the first pair's frequency is 1).
        double r1 = rms(1, -1, eps);
        double[] h1 = {1 / r1, -1 / r1};
        double[] q = {h1[0] * Math.cos(1) - h1[1] * Math.sin(1), h1[1] * Math.cos(1) + h1[0] * Math.sin(1)};
        double s0 = (q[0] * h0[0] + q[1] * h0[1]) / Math.sqrt(2); // key 0 was cached unrotated (position 0)
        double s1 = (q[0] * q[0] + q[1] * q[1]) / Math.sqrt(2); // key 1 is q itself
        double w0 = Math.exp(s0) / (Math.exp(s0) + Math.exp(s1));
        double[] attn = {w0 * h0[0] + (1 - w0) * h1[0], w0 * h0[1] + (1 - w0) * h1[1]};
        double[] want1 = afterAttention(new double[] {1, -1}, attn, eps);
        assertRowsEqual(new double[][] {want0, want1}, got, 1e-12);
    }

    /** Residual, RMSNorm, SwiGLU (gate = first, up = second element), residual, final norm, identity head. */
    private static double[] afterAttention(double[] e, double[] attn, double eps) {
        double[] x1 = {e[0] + attn[0], e[1] + attn[1]};
        double r = rms(x1[0], x1[1], eps);
        double f = silu(x1[0] / r) * (x1[1] / r);
        double[] x2 = {x1[0] + f, x1[1]};
        double r2 = rms(x2[0], x2[1], eps);
        return new double[] {x2[0] / r2, x2[1] / r2};
    }

    @Test
    void matchesTheMatrixFormOracle() {
        RealMatrix want = MatrixLlama.logits(TINY, PROMPT);
        assertRowsEqual(want.getData(), run(new ReferenceEngine(TINY), new SequenceChunk(0, 0, PROMPT)), 1e-9);
        ModelSpec tiedMha = new ModelSpec(48, 96, 3, 3, 16, 3, 1e-6, 500000, 100, true);
        Checkpoint other = RandomLlama.generate(tiedMha, 2);
        int[] p = {5, 99, 0, 42};
        assertRowsEqual(MatrixLlama.logits(other, p).getData(), run(new ReferenceEngine(other), new SequenceChunk(0, 0, p)),
                1e-9);
    }

    @Test
    void chunkedPrefillEqualsOneShotEqualsTokenByToken() {
        double[][] oneShot = run(new ReferenceEngine(TINY), new SequenceChunk(0, 0, PROMPT));
        ReferenceEngine chunked = new ReferenceEngine(TINY);
        List<double[]> rows = new ArrayList<>(Arrays.asList(run(chunked, new SequenceChunk(0, 0, Arrays.copyOf(PROMPT, 3)))));
        rows.addAll(Arrays.asList(run(chunked, new SequenceChunk(0, 3, Arrays.copyOfRange(PROMPT, 3, 7)))));
        assertRowsEqual(oneShot, rows.toArray(new double[0][]), 1e-12);
        ReferenceEngine decode = new ReferenceEngine(TINY);
        for (int t = 0; t < PROMPT.length; t++) {
            assertRowsEqual(new double[][] {oneShot[t]}, run(decode, new SequenceChunk(0, t, new int[] {PROMPT[t]})), 1e-12);
        }
        assertEquals(7, decode.cachedLength(0));
    }

    @Test
    void aMixedBatchGivesEachSequenceWhatItGetsAlone() {
        int[] other = {7, 8, 9};
        ReferenceEngine alone = new ReferenceEngine(TINY);
        double[][] a = run(alone, new SequenceChunk(0, 0, PROMPT));
        double[][] b = run(alone, new SequenceChunk(1, 0, other));
        double[][] bNext = run(alone, new SequenceChunk(1, 3, new int[] {10}));

        ReferenceEngine batched = new ReferenceEngine(TINY);
        run(batched, new SequenceChunk(1, 0, other));
        double[][] mixed = run(batched, new SequenceChunk(1, 3, new int[] {10}), new SequenceChunk(0, 0, PROMPT));
        assertEquals(1 + PROMPT.length, mixed.length);
        assertRowsEqual(bNext, Arrays.copyOf(mixed, 1), 0);
        assertRowsEqual(a, Arrays.copyOfRange(mixed, 1, mixed.length), 0);
        assertEquals(3, b.length);
    }

    @Test
    void aBadBatchIsRejectedWholeAndChangesNothing() {
        ReferenceEngine e = new ReferenceEngine(TINY);
        run(e, new SequenceChunk(0, 0, new int[] {1, 2}));
        assertEquals("sequence 0: chunk starts at position 3 but its KV cache holds 2 positions",
                assertThrows(IllegalArgumentException.class, () -> run(e, new SequenceChunk(0, 3, new int[] {4}))).getMessage());
        assertEquals("sequence 1: token id 512 is outside the vocabulary [0, 512)", assertThrows(IllegalArgumentException.class,
                () -> run(e, new SequenceChunk(0, 2, new int[] {3}), new SequenceChunk(1, 0, new int[] {512}))).getMessage());
        assertEquals("sequence 0 appears twice in one batch", assertThrows(IllegalArgumentException.class,
                () -> run(e, new SequenceChunk(0, 2, new int[] {3}), new SequenceChunk(0, 3, new int[] {4}))).getMessage());
        assertEquals(2, e.cachedLength(0));
        assertEquals(0, e.cachedLength(1));
        double[][] fresh = run(new ReferenceEngine(TINY), new SequenceChunk(0, 0, new int[] {1, 2, 3}));
        assertRowsEqual(new double[][] {fresh[2]}, run(e, new SequenceChunk(0, 2, new int[] {3})), 0);
        e.release(0);
        assertEquals(0, e.cachedLength(0));
        assertRowsEqual(fresh, run(e, new SequenceChunk(0, 0, new int[] {1, 2, 3})), 0);
    }
}
