package sohu.core.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import sohu.core.compile.CoreConfig;
import sohu.core.fp.FpFormat;
import sohu.core.sched.SeedStep;

/** The perf model's utilization from the step cycle model, including rows wider than one VECTOR. */
class StepUtilizationTest {
    /**
     * A model whose rows are wider than one VECTOR (hidden 8320 and FFN 8448 elements, beyond the
     * ISA's 8191) is timed from its compiled pieces, equal to the whole compiled step's cycles.
     */
    @Test
    void rowsWiderThanOneVectorAreTimedAsCompiled() {
        var spec = new sohu.core.model.ModelSpec(8320, 8448, 4, 2, 16, 1, 1e-5, 500000.0, 64, false);
        CoreConfig core = new CoreConfig(16, 16, FpFormat.BF16, 16, 4096, 1024, 1024, 4096, 16, 16, 32);
        var compiler = new sohu.core.compile.ModelCompiler(spec, core);
        var kv = new sohu.core.compile.KvState(core.kvBlocks(), core.kvBlockTokens());
        kv.append(1, 0, 9);
        var batch = List.of(new sohu.core.model.SequenceChunk(0, 0, new int[5]),
                new sohu.core.model.SequenceChunk(1, 9, new int[1]));
        var p = compiler.step(batch, kv, new sohu.core.compile.HbmImage(compiler.layout().end()));
        StepTiming whole = StepCycleModel.run(p.program(), core);
        List<SegmentedStepModel.Piece> pieces = new ArrayList<>();
        StepTiming seg = SegmentedStepModel.run(spec, core, batch, pieces);
        assertEquals(whole.cycles(), seg.cycles());
        assertEquals(whole.idealCycles(), seg.idealCycles(), 1e-6);
        // every RMSNorm's wide rows fused: into the embedding and the residual products
        assertTrue(pieces.stream().noneMatch(x -> x.name().equals("rmsnorm")), pieces.toString());
        assertTrue(pieces.stream().anyMatch(x -> x.name().equals("gemm 64x8320+residual")), pieces.toString());
        assertTrue(pieces.stream().anyMatch(x -> x.name().equals("gemm 8320x8448+8448 swiglu")), pieces.toString());
    }

    @Test
    void utilizationIsTheCompiledStepsAndTheChipKeepsItsMacs() {
        TransformerSpec m = new TransformerSpec("small", 1, 64, 4, 2, 16, 176, 512);
        StepUtilization u = StepUtilization.of(m, 20, 2, 8, FpFormat.BF16);
        // the same step compiled whole: prompt 0..19 and two sequences decoding position 21
        var spec = new sohu.core.model.ModelSpec(64, 176, 4, 2, 16, 1, 1e-5, 500000.0, 512, false);
        CoreConfig core = CoreConfig.of(8, FpFormat.BF16);
        var compiler = new sohu.core.compile.ModelCompiler(spec, core);
        var kv = new sohu.core.compile.KvState(core.kvBlocks(), core.kvBlockTokens());
        kv.append(1, 0, 21);
        kv.append(2, 0, 21);
        var batch = List.of(new sohu.core.model.SequenceChunk(0, 0, new int[20]),
                new sohu.core.model.SequenceChunk(1, 21, new int[1]), new sohu.core.model.SequenceChunk(2, 21, new int[1]));
        var p = compiler.step(batch, kv, new sohu.core.compile.HbmImage(compiler.layout().end()));
        assertEquals(StepCycleModel.run(p.program(), core).cycles(), u.timing().cycles());
        assertTrue(u.utilization() > 0 && u.utilization() < 1, "utilization " + u.utilization());
        assertEquals(u.timing().idealCycles() / u.timing().cycles(), u.utilization(), 1e-12);
        SohuChip c = u.chip(SohuChip.DEFAULT);
        assertEquals(64 * 256 * 256 / 64, c.arrays());
        assertEquals(8, c.rows());
        assertEquals(SohuChip.DEFAULT.peakFlops(NumberFormat.BF16), c.peakFlops(NumberFormat.BF16), 1);
        assertEquals(u.utilization(), c.utilization());
        assertTrue(c.facts().stream().anyMatch(f -> f.quantity().equals("utilization")
                && f.source().contains("step cycle model")));
        assertTrue(u.render().contains("utilization " + String.format(java.util.Locale.ROOT, "%.2f%%",
                100 * u.utilization())), u.render());
    }

    @Test
    void aCoreThatCannotHoldTheModelSaysSo() {
        TransformerSpec m = new TransformerSpec("odd", 1, 64, 4, 2, 15, 176, 512);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StepUtilization.of(m, 4, 1, 8, FpFormat.BF16))
                .getMessage().contains("head_dim 15 is odd"));
    }
}
