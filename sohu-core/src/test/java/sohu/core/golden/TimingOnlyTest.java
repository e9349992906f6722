package sohu.core.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import sohu.core.compile.CoreConfig;
import sohu.core.compile.HbmImage;
import sohu.core.compile.KvState;
import sohu.core.compile.ModelCompiler;
import sohu.core.compile.StepProgram;
import sohu.core.fp.FpFormat;
import sohu.core.model.ModelSpec;
import sohu.core.model.SequenceChunk;

/** The timing-only simulator schedules exactly as the full one; the breakdown accounts for every cycle. */
class TimingOnlyTest {
    private static final ModelSpec TINY = ModelSpec.tiny();

    @Test
    void timingOnlyGivesTheFullRunsScheduleAndLeavesHbmAlone() {
        for (CoreConfig core : List.of(CoreConfig.of(8, FpFormat.BF16), CoreConfig.of(4, FpFormat.E4M3))) {
            ModelCompiler c = new ModelCompiler(TINY, core);
            HbmImage img = c.initialImage(TinyModel.weights(TINY, 3));
            StepProgram p = c.step(List.of(new SequenceChunk(0, 0, new int[] {5, 9, 1, 400, 2, 7, 3, 3, 8, 1, 0, 2, 4,
                    6, 8, 10, 12, 14}), new SequenceChunk(1, 0, new int[] {77})), new KvState(core.kvBlocks(),
                    core.kvBlockTokens()), img);
            HbmImage before = img.copy();
            SimResult timing = GoldenSimulator.timingOnly(core).run(p.program(), img);
            assertArrayEquals(before.bytes(), img.bytes(), "a timing-only run writes nothing");
            SimResult full = new GoldenSimulator(core, true).run(p.program(), img);
            assertEquals(full.cycles(), timing.cycles());
            assertEquals(full.arrayBusyCycles(), timing.arrayBusyCycles());
            assertArrayEquals(full.start(), timing.start());
            assertArrayEquals(full.end(), timing.end());
            assertArrayEquals(full.waitedFor(), timing.waitedFor());
            assertArrayEquals(full.queueBusy(), timing.queueBusy());
            assertEquals(full.maxTokens(), timing.maxTokens());
            assertTrue(full.arrayBusyCycles() > 0);

            CycleBreakdown all = CycleBreakdown.of(p, full, core, 0, p.phases().size());
            // the window starts at the first instruction, after the program's fetch
            assertEquals(full.cycles() - CostModel.FETCH_LATENCY, all.cycles(), "the whole program's window is the run");
            long sum = all.rows().stream().mapToLong(CycleBreakdown.Row::total).sum();
            assertEquals(all.cycles(), sum, "every cycle is attributed once");
            long gemms = p.program().instructions().stream().filter(i -> i instanceof sohu.core.isa.Gemm).count();
            assertEquals(full.arrayBusyCycles(), all.total(CycleBreakdown.Kind.ARRAY), gemms, "rounded per GEMM");
        }
    }

    @Test
    void theLayerBenchTimesOnlyTheLayer() {
        ModelSpec one = new ModelSpec(64, 176, 4, 2, 16, 1, 1e-5, 1e4, 64, false);
        LayerBench b = LayerBench.run(one, CoreConfig.of(8, FpFormat.BF16), 40, 1);
        CycleBreakdown l = b.layer();
        assertTrue(l.rows().stream().allMatch(r -> r.phase().startsWith(LayerBench.LAYER)), "only the layer's phases");
        assertEquals(l.cycles(), l.rows().stream().mapToLong(CycleBreakdown.Row::total).sum());
        assertTrue(l.cycles() < b.run().cycles(), "the embedding, final norm and LM head are outside the window");
        assertTrue(l.utilization() > 0 && l.utilization() < 1, "utilization " + l.utilization());
    }
}
