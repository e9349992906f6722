package sohu.verify.soc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sohu.core.compile.CoreConfig;
import sohu.core.compile.HbmImage;
import sohu.core.fp.FpFormat;
import sohu.core.golden.GoldenEngine;
import sohu.core.isa.Gemm;
import sohu.core.isa.Instruction;
import sohu.core.isa.Vector;
import sohu.core.model.Checkpoint;
import sohu.core.model.LlamaMath;
import sohu.core.model.ModelSpec;
import sohu.core.model.RandomLlama;
import sohu.core.model.SequenceChunk;
import sohu.core.model.StepResult;
import sohu.core.model.Tensor;
import sohu.core.xformer.VectorOp;

/**
 * A Llama model on the generated SohuCore in Verilator: the tiny configuration (hidden 64, 4 query
 * heads, 2 KV heads, head_dim 16, intermediate 176, 2 layers, vocabulary 512), two prompts of
 * different lengths in one batch, then decode steps feeding back the greedy tokens. After every step
 * the whole HBM image (weights, KV cache, every intermediate region, the logits) of the {@code rtl}
 * engine equals the {@code golden} engine's byte for byte, and so do the tokens.
 */
class RtlEngineSimTest {
    private static final ModelSpec TINY = ModelSpec.tiny();
    private static final int[][] PROMPTS = {{1, 7, 300, 42, 5, 99, 13, 250, 8, 77, 6, 511, 3, 64, 128, 9, 400}, {17, 2, 480}};

    @Test
    void bf16On4x4EqualsTheGoldenEngineStepByStep() {
        compare(CoreConfig.of(4, FpFormat.BF16), PROMPTS, 2);
    }

    @Test
    void e4m3On4x4EqualsTheGoldenEngine() {
        compare(CoreConfig.of(4, FpFormat.E4M3), PROMPTS, 1);
    }

    @Test
    void fp32On4x4EqualsTheGoldenEngine() {
        compare(CoreConfig.of(4, FpFormat.FP32), PROMPTS, 1);
    }

    /** The second array size: the default 8x8 core (the build CycleModelSimTest's 8x8 steps share). */
    @Test
    void bf16On8x8EqualsTheGoldenEngine() {
        compare(CoreConfig.of(8, FpFormat.BF16), PROMPTS, 1);
    }

    /**
     * RMSNorm fused into the residual products: 98 tokens (seven sequences of 14, each inside one KV
     * block) in two tiles of tokens on 8x8, so the first tile's rows are normalized between the
     * residual's later GEMMs and the last tile's between the next product's first ones.
     */
    @Test
    void fusedNormsBesideTheGemmsOn8x8EqualTheGoldenEngine() {
        ModelSpec spec = new ModelSpec(64, 96, 8, 2, 32, 2, 1e-5, 10000.0, 64, false);
        int[][] prompts = new int[7][14];
        java.util.Random r = new java.util.Random(5);
        for (int[] p : prompts) {
            for (int i = 0; i < p.length; i++) {
                p[i] = r.nextInt(spec.vocabSize());
            }
        }
        GoldenEngine golden = compare(spec, CoreConfig.of(8, FpFormat.BF16), prompts, 0);
        for (String phase : List.of("L0 o_proj+residual", "L0 gate+up+swiglu")) {
            assertTrue(normBesideGemm(golden.lastProgram(), phase), phase + ": norm rows between its GEMMs");
        }
    }

    /** Whether a NORM comes after the first GEMM of phase {@code name}. */
    private static boolean normBesideGemm(sohu.core.compile.StepProgram p, String name) {
        List<sohu.core.compile.Phase> phases = p.phases();
        List<Instruction> ins = p.program().instructions();
        for (int i = 0; i < phases.size(); i++) {
            if (!phases.get(i).name().equals(name)) {
                continue;
            }
            int end = i + 1 < phases.size() ? phases.get(i + 1).first() : ins.size();
            boolean gemm = false;
            for (Instruction x : ins.subList(phases.get(i).first(), end)) {
                gemm |= x instanceof Gemm;
                if (gemm && x instanceof Vector v && v.op() == VectorOp.NORM) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void compare(CoreConfig core, int[][] prompts, int decodeSteps) {
        compare(TINY, core, prompts, decodeSteps);
    }

    /** Runs the steps on both engines, comparing each step's image and logits; returns the golden engine. */
    private static GoldenEngine compare(ModelSpec spec, CoreConfig core, int[][] prompts, int decodeSteps) {
        Map<String, float[]> w = weights(RandomLlama.generate(spec, 3));
        try (RtlEngine rtl = new RtlEngine(spec, w, core)) {
            GoldenEngine golden = new GoldenEngine(spec, w, core, false);
            List<SequenceChunk> batch = new ArrayList<>();
            int[] pos = new int[prompts.length];
            for (int s = 0; s < prompts.length; s++) {
                batch.add(new SequenceChunk(s, 0, prompts[s]));
                pos[s] = prompts[s].length;
            }
            for (int step = 0; step <= decodeSteps; step++) {
                StepResult g = golden.step(batch);
                StepResult r = rtl.step(batch);
                assertImagesEqual(golden.image(), rtl.image(), "step " + step);
                assertEquals(g.logits().length, r.logits().length);
                for (int t = 0; t < g.logits().length; t++) {
                    assertArrayEquals(g.logits()[t], r.logits()[t], "logits of token " + t + ", step " + step);
                }
                assertTrue(r.arrayBusyCycles() > 0 && r.arrayBusyCycles() <= r.cycles(), "array busy " + r.arrayBusyCycles()
                        + " of " + r.cycles());
                System.out.printf("rtl %s step %d: %d tokens, %d cycles, array busy %d (%.1f%%), golden estimate %d cycles%n",
                        core.tag(), step, g.logits().length, r.cycles(), r.arrayBusyCycles(),
                        100.0 * r.arrayBusyCycles() / r.cycles(), g.cycles());
                // the next step: each sequence's greedy token at its last position
                List<SequenceChunk> next = new ArrayList<>();
                int row = 0;
                for (SequenceChunk c : batch) {
                    row += c.tokens().length;
                    int token = LlamaMath.argmax(r.logits()[row - 1]);
                    next.add(new SequenceChunk(c.sequenceId(), pos[c.sequenceId()], new int[] {token}));
                    pos[c.sequenceId()]++;
                }
                batch = next;
            }
            return golden;
        }
    }

    private static void assertImagesEqual(HbmImage want, HbmImage got, String when) {
        assertEquals(want.size(), got.size(), "image size, " + when);
        byte[] a = want.bytes();
        byte[] b = got.bytes();
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                throw new AssertionError(when + ": HBM byte 0x" + Integer.toHexString(i) + " is 0x"
                        + Integer.toHexString(b[i] & 0xFF) + " on rtl, 0x" + Integer.toHexString(a[i] & 0xFF) + " on golden");
            }
        }
    }

    private static Map<String, float[]> weights(Checkpoint c) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : c.tensors().entrySet()) {
            out.put(e.getKey(), e.getValue().data());
        }
        return out;
    }
}
