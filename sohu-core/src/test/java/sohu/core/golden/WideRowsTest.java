package sohu.core.golden;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import sohu.core.compile.CoreConfig;
import sohu.core.compile.HbmImage;
import sohu.core.compile.KvState;
import sohu.core.compile.ModelCompiler;
import sohu.core.fp.FpFormat;
import sohu.core.isa.Instruction;
import sohu.core.isa.Scalar;
import sohu.core.isa.ScalarFn;
import sohu.core.isa.Vector;
import sohu.core.model.ModelSpec;
import sohu.core.model.SequenceChunk;

/**
 * Rows wider than one VECTOR (8191 elements): the compiler splits them into pieces of whole
 * words, RMSNorm's sum of squares chained over the pieces by SCALAR adds. Checked against the
 * double-precision reference on one model with a wide hidden size (embedding, RMSNorm, residual)
 * and one with a wide FFN (SwiGLU), each narrow elsewhere so the golden run stays short.
 * Measured FP32 errors (seed 3): 3.8e-6 for the wide hidden size (its 8320-long dot products
 * round more than the tiny model's), 1.3e-6 for the wide FFN; {@link #BOUND} is about twice the larger.
 */
class WideRowsTest {
    /** Hidden size 8320 = 520 words of 16 lanes: two RMSNorm pieces (8176 + 144 elements). */
    static final ModelSpec WIDE_HIDDEN = new ModelSpec(8320, 64, 4, 2, 16, 1, 1e-5, 10000.0, 64, false);
    /** FFN 8448 on a 64-wide model: SwiGLU's rows in two pieces. */
    static final ModelSpec WIDE_FFN = new ModelSpec(64, 8448, 4, 2, 16, 1, 1e-5, 10000.0, 64, false);
    /** A 16x16 FP32 core whose vector memory holds two slots of an 8448-element row. */
    static final CoreConfig CORE = new CoreConfig(16, 16, FpFormat.FP32, 16, 4096, 1024, 1024, 4096, 16, 16, 32);
    static final int[][] PROMPTS = {{1, 7, 30, 42, 5}, {17, 2}};
    static final double BOUND = 8e-6;

    @Test
    void aWideHiddenSizeMatchesTheReference() {
        check(WIDE_HIDDEN, 1);
    }

    @Test
    void aWideFfnMatchesTheReference() {
        check(WIDE_FFN, 0);
    }

    /** Golden vs reference, and the step really splits rows ({@code scalarAdds} SCALAR adds per RMSNorm row at least). */
    private static void check(ModelSpec spec, int scalarAdds) {
        Map<String, float[]> w = TinyModel.weights(spec, 3);
        EngineComparison.Outcome o = EngineComparison.run(spec, w, CORE, PROMPTS, 1, false);
        if (Boolean.getBoolean("sohu.print")) {
            System.out.printf("hidden %d FFN %d: max rel logit error %.3e, tokens agree %b%n", spec.hiddenSize(),
                    spec.intermediateSize(), o.maxRelError(), o.tokensAgree());
        }
        assertTrue(o.tokensAgree(), "greedy tokens differ from the reference");
        assertTrue(o.maxRelError() < BOUND, "FP32 logit error " + o.maxRelError());

        ModelCompiler c = new ModelCompiler(spec, CORE);
        var batch = java.util.List.of(new SequenceChunk(0, 0, PROMPTS[0]), new SequenceChunk(1, 0, PROMPTS[1]));
        var p = c.step(batch, new KvState(CORE.kvBlocks(), CORE.kvBlockTokens()), new HbmImage(c.layout().end()));
        int longest = 0;
        int adds = 0;
        for (Instruction i : p.program().instructions()) {
            if (i instanceof Vector v) {
                longest = Math.max(longest, v.length());
            } else if (i instanceof Scalar s && s.fn() == ScalarFn.ADD_ROW) {
                adds++;
            }
        }
        int tokens = PROMPTS[0].length + PROMPTS[1].length;
        // every RMSNorm (2 per layer + the final) of every token chains its pieces
        assertTrue(adds >= scalarAdds * tokens * (2 * spec.numLayers() + 1), adds + " SCALAR adds");
        // a piece is as long as whole words allow: 8176 = 511 words of 16
        assertTrue(longest == 8176, "longest VECTOR " + longest);
    }
}
