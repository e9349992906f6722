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
 * double-precision reference on one model with a wide hidden size (embedding, RMSNorm, residual),
 * one with a wide FFN (SwiGLU) and one with wide query rows (RoPE), each narrow elsewhere so the
 * golden run stays short.
 * Measured FP32 errors (seed 3): 3.8e-6 for the wide hidden size (its 8320-long dot products
 * round more than the tiny model's), 1.3e-6 for the wide FFN, 1.2e-6 for the wide query rows;
 * {@link #BOUND} is about twice the largest.
 */
class WideRowsTest {
    /** Hidden size 8320 = 520 words of 16 lanes: two RMSNorm pieces (8176 + 144 elements). */
    static final ModelSpec WIDE_HIDDEN = new ModelSpec(8320, 64, 4, 2, 16, 1, 1e-5, 10000.0, 64, false);
    /** FFN 8448 on a 64-wide model: SwiGLU runs in the gate/up products' output tiles, down_proj's K is 8448 deep. */
    static final ModelSpec WIDE_FFN = new ModelSpec(64, 8448, 4, 2, 16, 1, 1e-5, 10000.0, 64, false);
    /** 520 query heads of 16: RoPE's q rows of 8320 elements (as Llama-3-70B's 8192). */
    static final ModelSpec WIDE_Q = new ModelSpec(64, 64, 520, 40, 16, 1, 1e-5, 10000.0, 64, false);
    /** A 16x16 FP32 core whose vector memory holds two slots of an 8448-element row. */
    static final CoreConfig CORE = new CoreConfig(16, 16, FpFormat.FP32, 16, 4096, 1024, 1024, 4096, 16, 16, 32);
    static final int[][] PROMPTS = {{1, 7, 30, 42, 5}, {17, 2}};
    static final double BOUND = 8e-6;

    @Test
    void aWideHiddenSizeMatchesTheReference() {
        check(WIDE_HIDDEN, CORE, 1, 8176);
    }

    @Test
    void aWideFfnMatchesTheReference() {
        check(WIDE_FFN, CORE, 0, 0);
    }

    @Test
    void wideQueryRowsMatchTheReference() {
        // 32 lanes: RoPE's two slots of q, its swapped halves, tables and k fit 4096 vector words
        CoreConfig wide = new CoreConfig(32, 32, FpFormat.FP32, 32, 4096, 1024, 1024, 4096, 16, 16, 32);
        check(WIDE_Q, wide, 0, 8160);
    }

    /**
     * Golden vs reference, and the step really splits rows: {@code scalarAdds} SCALAR adds per
     * RMSNorm row at least, and the longest VECTOR is {@code piece} elements (as many whole words as fit;
     * 0: no row is split, every VECTOR shorter than one piece).
     */
    private static void check(ModelSpec spec, CoreConfig core, int scalarAdds, int piece) {
        Map<String, float[]> w = TinyModel.weights(spec, 3);
        EngineComparison.Outcome o = EngineComparison.run(spec, w, core, PROMPTS, 1, false);
        if (Boolean.getBoolean("sohu.print")) {
            System.out.printf("hidden %d FFN %d q %d: max rel logit error %.3e, tokens agree %b%n", spec.hiddenSize(),
                    spec.intermediateSize(), spec.qDim(), o.maxRelError(), o.tokensAgree());
        }
        assertTrue(o.tokensAgree(), "greedy tokens differ from the reference");
        assertTrue(o.maxRelError() < BOUND, "FP32 logit error " + o.maxRelError());

        ModelCompiler c = new ModelCompiler(spec, core);
        var batch = java.util.List.of(new SequenceChunk(0, 0, PROMPTS[0]), new SequenceChunk(1, 0, PROMPTS[1]));
        var p = c.step(batch, new KvState(core.kvBlocks(), core.kvBlockTokens()), new HbmImage(c.layout().end()));
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
        assertTrue(piece == 0 ? longest < 8176 : longest == piece, "longest VECTOR " + longest);
    }
}
