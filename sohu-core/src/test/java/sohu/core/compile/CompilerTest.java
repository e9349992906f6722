package sohu.core.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sohu.core.array.EngineStatus;
import sohu.core.fp.FpFormat;
import sohu.core.golden.GoldenSimulator;
import sohu.core.isa.Deps;
import sohu.core.isa.Dma;
import sohu.core.isa.Gemm;
import sohu.core.isa.Instruction;
import sohu.core.isa.Move;
import sohu.core.isa.Program;
import sohu.core.isa.IssueQueue;
import sohu.core.isa.Space;
import sohu.core.isa.Vector;
import sohu.core.model.ModelSpec;
import sohu.core.model.SequenceChunk;

/** The compiler's programs on the tiny model are well-formed, checked statically and by running them. */
class CompilerTest {
    static final ModelSpec TINY = ModelSpec.tiny();

    static Map<String, float[]> weights(ModelSpec s) {
        Random r = new Random(1);
        Map<String, float[]> w = new HashMap<>();
        for (Map.Entry<String, int[]> e : new HbmLayout(s, CoreConfig.of(4, FpFormat.FP32)).expectedTensors().entrySet()) {
            int n = 1;
            for (int d : e.getValue()) {
                n *= d;
            }
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) (r.nextGaussian() * 0.2);
            }
            w.put(e.getKey(), v);
        }
        return w;
    }

    static final List<SequenceChunk> BATCH = List.of(new SequenceChunk(0, 0, new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
            11, 12, 13, 14, 15, 16, 17, 18, 19, 20}), new SequenceChunk(1, 0, new int[] {30, 31}),
            new SequenceChunk(2, 0, new int[] {500}));

    /** Every on-chip and HBM range of every instruction inside its memory; pushes equal pops per direction. */
    static void assertWellFormed(Program p, CoreConfig c, long hbmSize) {
        int[][] push = new int[3][3];
        int[][] pop = new int[3][3];
        int eb = c.elementBytes();
        for (int i = 0; i < p.size(); i++) {
            Instruction in = p.instructions().get(i);
            String at = "instruction " + i + " " + in.text();
            IssueQueue q = in.queue();
            Deps d = in.deps();
            count(push, q, q.prev(), d.pushPrev());
            count(push, q, q.next(), d.pushNext());
            count(pop, q.prev(), q, d.popPrev());
            count(pop, q.next(), q, d.popNext());
            if (in instanceof Dma dma) {
                int size = switch (dma.space()) {
                    case ACT -> c.actElements();
                    case WGT -> c.wgtElements();
                    case ACC -> c.accElements();
                    case VMEM -> c.vmemElements();
                };
                long last = dma.sram() + (long) (dma.rows() - 1) * dma.sramStride() + dma.elems();
                assertTrue(last <= size, at + ": on-chip end " + last + " > " + size);
                long hbmEnd = dma.hbm() + (long) (dma.rows() - 1) * dma.hbmStride()
                        + (long) dma.elems() * dma.space().elementBytes(c.format());
                assertTrue(hbmEnd <= hbmSize, at + ": HBM end beyond the image");
                assertTrue(dma.space() == Space.ACT || dma.space() == Space.WGT || dma.space() == Space.VMEM, at);
            } else if (in instanceof Gemm g) {
                assertEquals(EngineStatus.OK, g.cmd().check(c.arrayConfig()), at);
            } else if (in instanceof Vector v) {
                int words = (v.length() + c.lanes() - 1) / c.lanes();
                assertTrue(v.srcA() + (words - 1) * v.strideA() < c.vDepth(), at);
                assertTrue(v.srcB() + (words - 1) * v.strideB() < c.vDepth(), at);
                assertTrue(v.srcC() + (words - 1) * v.strideC() < c.vDepth(), at);
                assertTrue(v.dst() + (words - 1) * v.strideD() < (v.toAct() ? c.aDepth() : c.vDepth()), at);
            } else if (in instanceof Move m) {
                assertTrue(m.src() + (m.rows() - 1) * m.srcStride() + m.words() <= c.cDepth(), at);
                assertTrue(m.dst() + (m.rows() - 1) * m.dstStride() + m.words() <= c.vDepth(), at);
            }
            assertTrue(eb > 0);
        }
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                assertEquals(push[a][b], pop[a][b], "tokens " + IssueQueue.values()[a] + " -> " + IssueQueue.values()[b]);
            }
        }
    }

    private static void count(int[][] n, IssueQueue from, IssueQueue to, boolean flag) {
        if (flag) {
            n[from.ordinal()][to.ordinal()]++;
        }
    }

    @Test
    void prefillThenDecodeProgramsAreWellFormedAndRaceFree() {
        for (CoreConfig core : List.of(CoreConfig.of(8, FpFormat.BF16), CoreConfig.of(4, FpFormat.E4M3))) {
            ModelCompiler c = new ModelCompiler(TINY, core);
            HbmImage img = c.initialImage(weights(TINY));
            KvState kv = new KvState(core.kvBlocks(), core.kvBlockTokens());
            GoldenSimulator sim = new GoldenSimulator(core, true);
            StepProgram first = c.step(BATCH, kv, img);
            assertWellFormed(first.program(), core, img.size());
            sim.run(first.program(), img);
            StepProgram next = c.step(List.of(new SequenceChunk(0, 20, new int[] {4}), new SequenceChunk(2, 1,
                    new int[] {9, 8, 7})), kv, img);
            assertWellFormed(next.program(), core, img.size());
            sim.run(next.program(), img);
            assertEquals(21, kv.length(0));
            assertEquals(4, kv.length(2));
        }
    }

    @Test
    void aLargeModelCompilesForA256x256CoreWithinEveryField() {
        ModelSpec mid = new ModelSpec(1024, 2816, 8, 4, 128, 1, 1e-5, 5e5, 2048, false);
        CoreConfig core = CoreConfig.of(256, FpFormat.BF16);
        ModelCompiler c = new ModelCompiler(mid, core);
        HbmImage img = new HbmImage(c.layout().end());
        KvState kv = new KvState(core.kvBlocks(), core.kvBlockTokens());
        StepProgram p = c.step(List.of(new SequenceChunk(0, 0, new int[300]), new SequenceChunk(1, 0, new int[5])), kv, img);
        assertWellFormed(p.program(), core, img.size());
        assertEquals(p.program(), Program.decode(p.program().encode()));
    }

    @Test
    void compilingIsDeterministic() {
        CoreConfig core = CoreConfig.of(8, FpFormat.BF16);
        Compiled a = ModelCompiler.compile(TINY, weights(TINY), BATCH, core);
        Compiled b = ModelCompiler.compile(TINY, weights(TINY), BATCH, core);
        assertEquals(a.step().program(), b.step().program());
        assertTrue(java.util.Arrays.equals(a.image().bytes(), b.image().bytes()));
        assertTrue(java.util.Arrays.equals(a.step().program().encode(), b.step().program().encode()));
    }

    @Test
    void aHeadDimTheCoreCannotTileIsAClearError() {
        ModelSpec odd = new ModelSpec(60, 176, 4, 2, 15, 1, 1e-5, 1e4, 64, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModelCompiler(odd, CoreConfig.of(4, FpFormat.BF16)));
        assertTrue(e.getMessage().startsWith("head_dim 15 is odd"), e.getMessage());
        ModelSpec wide = new ModelSpec(1024, 176, 4, 2, 256, 1, 1e-5, 1e4, 64, true);
        CoreConfig small = new CoreConfig(4, 4, FpFormat.BF16, 4, 64, 64, 64, 64, 16, 4, 32);
        e = assertThrows(IllegalArgumentException.class, () -> new ModelCompiler(wide, small));
        assertTrue(e.getMessage().startsWith("head_dim 256 cannot be tiled on the 4x4 array with 16-token KV blocks"),
                e.getMessage());
    }

    @Test
    void badBatchesAndWeightsAreClearErrors() {
        CoreConfig core = CoreConfig.of(4, FpFormat.BF16);
        ModelCompiler c = new ModelCompiler(TINY, core);
        HbmImage img = c.initialImage(weights(TINY));
        KvState kv = new KvState(core.kvBlocks(), core.kvBlockTokens());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.step(List.of(new SequenceChunk(0, 0, new int[] {512})), kv, img));
        assertEquals("sequence 0: token 0 is 512, outside the vocabulary 0..511", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> c.step(List.of(new SequenceChunk(0, 3, new int[] {5})), kv, img));
        assertEquals("sequence 0: chunk starts at position 3 but 0 positions are cached", e.getMessage());
        assertEquals(0, kv.length(0), "a rejected step changes nothing");
        KvState small = new KvState(2, core.kvBlockTokens());
        e = assertThrows(IllegalArgumentException.class,
                () -> c.step(List.of(new SequenceChunk(0, 0, new int[20]), new SequenceChunk(1, 0, new int[3])), small, img));
        assertEquals("KV cache full: the batch needs 3 new blocks of 16 tokens and 2 are free; release finished "
                + "sequences or configure more kvBlocks", e.getMessage());
        assertEquals(0, small.length(0), "a rejected step changes nothing");
        Map<String, float[]> w = weights(TINY);
        w.remove("model.norm.weight");
        e = assertThrows(IllegalArgumentException.class, () -> c.initialImage(w));
        assertEquals("weights: missing tensor model.norm.weight", e.getMessage());
        w.put("model.norm.weight", new float[3]);
        e = assertThrows(IllegalArgumentException.class, () -> c.initialImage(w));
        assertTrue(e.getMessage().startsWith("weights: model.norm.weight has 3 values, expected [64]"), e.getMessage());
        w.put("model.extra", new float[1]);
        e = assertThrows(IllegalArgumentException.class, () -> c.initialImage(w));
        assertTrue(e.getMessage().startsWith("weights: unknown tensor model.extra"), e.getMessage());
    }

    @Test
    void coreConfigErrorsNameTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CoreConfig(8, 4, FpFormat.BF16, 4, 1024, 1024, 1024, 1024, 16, 4, 32));
        assertTrue(e.getMessage().contains("must be square"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new CoreConfig(8, 8, FpFormat.BF16, 8, 8192, 1024, 1024, 1024, 16, 4, 32));
        assertEquals("core: aDepth must be a power of two in 2..4096, got 8192", e.getMessage());
    }
}
