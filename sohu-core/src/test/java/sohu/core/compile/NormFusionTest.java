package sohu.core.compile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sohu.core.fp.FpFormat;
import sohu.core.golden.GoldenSimulator;
import sohu.core.isa.Gemm;
import sohu.core.isa.Instruction;
import sohu.core.isa.Program;
import sohu.core.isa.Scalar;
import sohu.core.isa.Vector;
import sohu.core.model.ModelSpec;
import sohu.core.xformer.Fp32;
import sohu.core.xformer.VectorOp;

/**
 * The RMSNorm fused into a residual product ({@link NormEpilogue}), its last rows done beside the
 * next product's first tiles, computes what the residual product, the RMSNorm row phase and the
 * next product compute one after the other, bit for bit: each row's norm is the same pair of
 * VECTORs wherever it runs. 100 tokens in tiles of fewer rows, so rows of the first tile of tokens
 * are normalized beside the residual's later tiles and the last tile's beside the next product; the
 * golden simulator checks every access pair for races.
 */
class NormFusionTest {
    private static final int T = 100;

    @Test
    void fusedNormGivesTheRowPhasesBitsAndRunsBesideTheGemms() {
        for (FpFormat f : List.of(FpFormat.BF16, FpFormat.E4M3)) {
            CoreConfig c = new CoreConfig(8, 8, f, 8, 1024, 1024, 1024, 1024, 16, 64, 32);
            ModelSpec s = new ModelSpec(64, 96, 8, 2, 32, 1, 1e-5, 10000.0, 64, false);   // o_proj 256 -> 64
            StepLayout st = StepLayout.of(s, c, 0, T);
            long scale = WeightConversion.scaled(f) ? 0 : -1;
            long at = st.end();
            ChipMatrix o = matrix("o", at, s.qDim(), s.hiddenSize(), scale >= 0);
            ChipMatrix next = matrix("next", at + 65536, s.hiddenSize(), 48, scale >= 0);
            long gain = at + 2 * 65536;
            long out = at + 3 * 65536;
            HbmImage image = image(c, s, st, o, next, gain, out + 4L * T * next.out(), new Random(7));

            Emitter fused = emitter(s);
            Optional<NormEpilogue.Tail> tail = GemmPhase.residual(fused, c, T, st.att(), "o", o, st.x(),
                    new GemmPhase.Norm(gain, st.xn()));
            GemmPhase.run(fused, c, T, st.xn(), "next", next, out, tail.orElseThrow());
            Program a = fused.finish();

            Emitter rows = emitter(s);
            GemmPhase.residual(rows, c, T, st.att(), "o", o, st.x(), null);
            new RowPhases(rows, new HbmLayout(s, c), st, tokens(), new KvState(64, 16)).rmsNorm(gain);
            GemmPhase.run(rows, c, T, st.xn(), "next", next, out, null);
            Program b = rows.finish();

            assertTrue(tail.get().from() > 0 && tail.get().from() < T, f + ": the last rows are left to the next product");
            assertTrue(normAfterGemm(a, fused.phases()), f + ": norm rows run between the next product's GEMMs");
            HbmImage ia = image.copy();
            HbmImage ib = image.copy();
            new GoldenSimulator(c, true).run(a, ia);
            new GoldenSimulator(c, true).run(b, ib);
            assertArrayEquals(ib.readFloats(st.x(), T * s.hiddenSize()), ia.readFloats(st.x(), T * s.hiddenSize()),
                    0f, f + ": x");
            int xnWords = T * s.hiddenSize() * c.elementBytes() / 4;
            assertArrayEquals(ib.readFloats(st.xn(), xnWords), ia.readFloats(st.xn(), xnWords), 0f, f + ": xn");
            assertArrayEquals(ib.readFloats(out, T * next.out()), ia.readFloats(out, T * next.out()), 0f,
                    f + ": the next product");
        }
    }

    private static ChipMatrix matrix(String name, long addr, int in, int out, boolean scaled) {
        return new ChipMatrix(name, addr, in, out, scaled ? addr + 32768 : -1);
    }

    /** The scalar registers the norm reads, as a step's prologue sets them. */
    private static Emitter emitter(ModelSpec s) {
        Emitter e = new Emitter();
        e.emit(Scalar.set(Registers.ONE, Fp32.ONE));
        e.emit(Scalar.set(Registers.INV_N, Fp32.of(1.0 / s.hiddenSize())));
        e.emit(Scalar.set(Registers.EPS, Fp32.of(s.rmsNormEps())));
        e.barrier();
        return e;
    }

    private static HbmImage image(CoreConfig c, ModelSpec s, StepLayout st, ChipMatrix o, ChipMatrix next, long gain,
                                  long end, Random r) {
        HbmImage image = new HbmImage(end);
        FpFormat f = c.format();
        int eb = c.elementBytes();
        for (int i = 0; i < T * s.qDim(); i++) {
            image.write(st.att() + (long) i * eb, eb, WeightConversion.convert(f, (float) r.nextGaussian()));
        }
        for (int i = 0; i < T * s.hiddenSize(); i++) {
            image.write(st.x() + 4L * i, 4, Float.floatToRawIntBits((float) r.nextGaussian()));
        }
        for (int i = 0; i < s.hiddenSize(); i++) {
            image.write(gain + 4L * i, 4, Float.floatToRawIntBits(1 + 0.1f * (float) r.nextGaussian()));
        }
        for (ChipMatrix m : List.of(o, next)) {
            float[] w = new float[m.in() * m.out()];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (0.1 * r.nextGaussian());
            }
            WeightConversion.write(image, m, f, w);
        }
        return image;
    }

    private static List<Token> tokens() {
        List<Token> t = new ArrayList<>();
        for (int i = 0; i < T; i++) {
            t.add(new Token(0, i, 0));
        }
        return t;
    }

    /** Whether a NORM comes after the first GEMM of the phase named {@code next}. */
    private static boolean normAfterGemm(Program p, List<Phase> phases) {
        int from = phases.stream().filter(ph -> ph.name().equals("next")).findFirst().orElseThrow().first();
        boolean gemm = false;
        for (Instruction i : p.instructions().subList(from, p.size())) {
            gemm |= i instanceof Gemm;
            if (gemm && i instanceof Vector v && v.op() == VectorOp.NORM) {
                return true;
            }
        }
        return false;
    }
}
