package sohu.core.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sohu.core.array.GemmCommand;
import sohu.core.compile.Compiled;
import sohu.core.compile.CoreConfig;
import sohu.core.compile.ModelCompiler;
import sohu.core.fp.FpFormat;
import sohu.core.golden.GoldenSimulator;
import sohu.core.golden.SimResult;
import sohu.core.isa.Deps;
import sohu.core.isa.Gemm;
import sohu.core.isa.Program;
import sohu.core.model.ModelSpec;
import sohu.core.model.RandomLlama;
import sohu.core.model.SequenceChunk;
import sohu.core.sched.SeedStep;
import sohu.core.sched.SeedStepRun;

/** The step cycle model against the golden simulator on compiled steps of the tiny model. */
class StepCycleModelTest {
    private static final ModelSpec TINY = ModelSpec.tiny();

    private static Map<String, float[]> weights() {
        Map<String, float[]> w = new LinkedHashMap<>();
        RandomLlama.generate(TINY, 7).tensors().forEach((k, t) -> w.put(k, t.data()));
        return w;
    }

    private static int[] ids(int n, int salt) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = (31 * i + salt) % TINY.vocabSize();
        }
        return t;
    }

    @Test
    void equalsTheGoldenSimulatorOnCompiledSteps() {
        Map<String, float[]> w = weights();
        List<List<SequenceChunk>> batches = List.of(
                List.of(new SequenceChunk(0, 0, ids(5, 1))),
                List.of(new SequenceChunk(0, 0, ids(19, 2)), new SequenceChunk(1, 0, ids(1, 3))),
                List.of(new SequenceChunk(3, 0, ids(1, 4)), new SequenceChunk(4, 0, ids(2, 5)),
                        new SequenceChunk(5, 0, ids(33, 6))));
        for (CoreConfig core : List.of(CoreConfig.of(4, FpFormat.BF16), CoreConfig.of(8, FpFormat.E4M3),
                CoreConfig.of(16, FpFormat.FP32))) {
            for (List<SequenceChunk> b : batches) {
                Compiled c = ModelCompiler.compile(TINY, w, b, core);
                StepTiming t = StepCycleModel.run(c.step().program(), core);
                SimResult g = new GoldenSimulator(core, false).run(c.step().program(), c.image());
                String what = core.tag() + " " + b.size() + " chunks";
                assertEquals(g.cycles(), t.cycles(), what);
                assertEquals(g.arrayBusyCycles(), Math.round(t.idealCycles()), what);
                assertEquals(g.queueBusy()[0], t.loadBusy(), what);
                assertEquals(g.queueBusy()[2], t.storeBusy(), what);
                assertEquals(t.cycles(), t.loss().total(), 1e-6 * t.cycles(), what + ": the parts add up");
                assertTrue(t.loss().waiting() >= 0 && t.loss().sums() >= 0, what);
                // the segmented twin, from the distinct pieces only, gives the same cycles and split
                StepTiming s = SegmentedStepModel.run(TINY, core, b, null);
                assertEquals(t.cycles(), s.cycles(), what + " segmented");
                double[] tp = t.loss().parts();
                double[] sp = s.loss().parts();
                for (int i = 0; i < tp.length; i++) {
                    assertEquals(tp[i], sp[i], 1e-6 * t.cycles(), what + " segmented " + StepLoss.NAMES[i]);
                }
                assertEquals(t.loadBusy(), s.loadBusy(), 1e-6, what);
                assertEquals(t.storeBusy(), s.storeBusy(), 1e-6, what);
            }
        }
    }

    /** Decode tokens deep in their sequences (several KV blocks) and a prompt: the segmented twin still agrees. */
    @Test
    void segmentedEqualsWholeOnASeedStep() {
        SeedStep step = new SeedStep(40, 3, 1, false);
        for (CoreConfig core : List.of(SeedStepRun.core(4, FpFormat.BF16, step), SeedStepRun.core(8, FpFormat.E4M3,
                step))) {
            for (SeedStep s : List.of(step, step.withoutPrefill())) {
                StepTiming whole = SeedStepRun.run(s, core, false).timing();
                StepTiming seg = SegmentedStepModel.run(s.model(), core, s.batch(), null);
                assertEquals(whole.cycles(), seg.cycles(), core.tag() + " " + s.kind());
                assertEquals(whole.idealCycles(), seg.idealCycles(), 1e-6 * whole.cycles());
            }
        }
    }

    /** One GEMM alone: its cycles are the engine's cycle model, split into the engine's counters. */
    @Test
    void singleGemmSplitsLikeTheEngineCounters() {
        CoreConfig core = CoreConfig.of(4, FpFormat.BF16);
        // 6 x 10 x 6 on 4 x 4: K tiles 3 (last half empty), N tiles 2 (last half empty)
        GemmCommand cmd = new GemmCommand(6, 10, 6, 0, 3, 0, 2, 0, 2, false);
        StepTiming t = StepCycleModel.run(new Program(List.of(new Gemm(cmd, Deps.NONE))), core);
        var k = sohu.core.array.EngineTiming.predict(core.arrayConfig(), cmd);
        // the program is fetched first (the GEMM starts when its first chunk is in), then it
        // takes the engine's cycles plus the sequencer's issue cycle
        long cost = new sohu.core.golden.CostModel(core).cycles(new Gemm(cmd, Deps.NONE));
        assertEquals(k.cycles() + sohu.core.golden.CostModel.GEMM_ISSUE, cost);
        assertEquals(sohu.core.golden.CostModel.FETCH_LATENCY + cost, t.cycles());
        assertEquals(6.0 * 10 * 6 / 16, t.loss().useful(), 1e-12);
        assertEquals(k.busy() - 6.0 * 10 * 6 / 16, t.loss().padding(), 1e-12);
        assertEquals(k.fill() + sohu.core.golden.CostModel.GEMM_ISSUE, t.loss().fill(), 1e-9); // the issue cycle counts as fill
        assertEquals(k.drain(), t.loss().drain());
        assertEquals(k.stallWeights(), t.loss().weights(), 1e-9);
        assertEquals(k.stallAcc(), t.loss().sums(), 1e-9);
        assertEquals(sohu.core.golden.CostModel.FETCH_LATENCY, t.loss().waiting()); // waiting for the fetch
    }

    /** Calibration corrects each class's cycles; the segmented twin applies it the same way. */
    @Test
    void calibrationCorrectsEachInstructionClass() {
        CoreConfig core = CoreConfig.of(4, FpFormat.BF16);
        GemmCommand cmd = new GemmCommand(8, 8, 8, 0, 2, 0, 2, 0, 2, false);
        Program p = new Program(List.of(new Gemm(cmd, Deps.NONE)));
        StepTiming plain = StepCycleModel.run(p, core);
        StepTiming cal = StepCycleModel.run(p, core, new Calibration(1, 0, 7, 0, 0, 0));
        assertEquals(plain.cycles() + 7, cal.cycles());
        assertEquals(plain.loss().fill() + 7, cal.loss().fill(), 1e-9, "a per-command correction counts as fill");
        SeedStep s = new SeedStep(24, 2, 1, false);
        CoreConfig c = SeedStepRun.core(4, FpFormat.BF16, s);
        Calibration slow = new Calibration(1.5, 20, 3, 2, 1, 1);
        var compiler = new ModelCompiler(s.model(), c);
        var kv = new sohu.core.compile.KvState(c.kvBlocks(), c.kvBlockTokens());
        s.cacheContexts(kv);
        Program whole = compiler.step(s.batch(), kv, new sohu.core.compile.HbmImage(compiler.layout().end())).program();
        StepTiming w = StepCycleModel.run(whole, c, slow);
        assertTrue(w.cycles() > StepCycleModel.run(whole, c).cycles());
        assertEquals(w.cycles(), SegmentedStepModel.run(s.model(), c, s.batch(), null, slow).cycles());
        assertThrows(IllegalArgumentException.class, () -> new Calibration(0, 0, 0, 0, 0, 0));
    }

    @Test
    void aMissingTokenIsADeadlockNotAHang() {
        CoreConfig core = CoreConfig.of(4, FpFormat.BF16);
        GemmCommand cmd = new GemmCommand(4, 4, 4, 0, 1, 0, 1, 0, 1, false);
        Program p = new Program(List.of(new Gemm(cmd, new Deps(true, false, false, false))));
        assertTrue(assertThrows(IllegalStateException.class, () -> StepCycleModel.run(p, core)).getMessage()
                .contains("deadlock: the compute queue waits"));
    }
}
