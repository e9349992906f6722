package sohu.verify.soc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import sohu.core.array.EngineTiming;
import sohu.core.compile.CoreConfig;
import sohu.core.fp.FpFormat;
import sohu.core.isa.Gemm;
import sohu.core.isa.Instruction;
import sohu.core.isa.Program;
import sohu.core.sched.SeedStep;
import sohu.core.sched.SeedStepRun;

/**
 * The seed's batching step on the RTL core ({@link RtlSeedStep}, what {@code sohu bench batching
 * --engine rtl} runs): the utilization and the losses come from the run's counters (checked against
 * the counter registers read on their own and the matrix engine's per-command cycle model), and
 * the step cycle model's cycles are within {@link CycleModelSimTest#TOLERANCE} of the RTL's. In the
 * default suite the smallest step, 16 + 1 tokens on one layer, on the 4x4 BF16 default core (the
 * Verilator build RtlEngineSimTest makes), mixed and decode-only; the scaled seed step (128 + 8
 * tokens, two layers) on 8x8 BF16 with {@code -Dsohu.long=true} (about 20M cycles).
 */
class RtlSeedStepSimTest {
    @Test
    void smallestStepOn4x4ModelWithinFivePercentOfTheCounters() {
        SeedStep mixed = new SeedStep(16, 1, 1, false);
        check(mixed, 4);
        check(mixed.withoutPrefill(), 4);
    }

    @Test
    void scaledSeedStepOn8x8ModelWithinFivePercent() {
        Assumptions.assumeTrue(Boolean.getBoolean("sohu.long"), "-Dsohu.long=true runs the 20M-cycle step on 8x8");
        check(SeedStep.of(128), 8);
    }

    private static void check(SeedStep step, int n) {
        CoreConfig core = SeedStepRun.core(n, FpFormat.BF16, step);
        RtlSeedStep r = RtlSeedStep.run(step, core, c -> System.out.printf("  ... %,d cycles%n", c));
        SohuCoreHarness.Run run = r.rtl().run();
        RtlStepCounters c = r.counters();
        Program p = r.program();
        String what = step.kind() + " step " + step.tokens() + " tokens on " + core.tag();

        assertEquals(run.cycles(), run.counter("cycles"), 1, what + ": the cycles register counts the run (from the "
                + "cycle after the start)");
        assertEquals(run.counter("cycles"), c.cycles(), what);
        long macs = 0;
        for (Instruction i : p.instructions()) {
            if (i instanceof Gemm g) {
                macs += EngineTiming.predict(core.arrayConfig(), g.cmd()).macs();
            }
        }
        assertEquals(ArrayCounterReplay.busy(p, core), c.arrayBusy(), what + ": array_busy is the GEMMs' rows in");
        assertEquals(ArrayCounterReplay.cycles(p, core, run.start()), c.arrayCycles(), what + ": array_cycles is the GEMMs' busy cycles");
        assertEquals((double) macs / (n * n), c.useful(), 1e-9, what + ": ideal array cycles");
        assertEquals(r.model().timing().loss().useful(), c.useful(), 1e-6, what + ": the model's ideal cycles");
        assertEquals(c.useful() / run.counter("cycles"), c.utilization(), 1e-12, what);
        double sum = 0;
        for (double v : c.parts()) {
            assertTrue(v >= 0, what + ": a negative part " + java.util.Arrays.toString(c.parts()));
            sum += v;
        }
        assertEquals(c.cycles(), sum, 1e-6, what + ": the parts add up to the run");
        assertTrue(c.computeBusy() >= c.arrayCycles() && c.computeBusy() <= c.cycles(), what);

        double err = r.modelRatio() - 1;
        System.out.printf("seed step %s: rtl %,d cycles, model %,.0f (%+.2f%%), utilization %.1f%% (model %.1f%%), "
                        + "%.0f cycles/s%n", what, c.cycles(), r.model().timing().cycles(), 100 * err, 100 * c.utilization(),
                100 * c.useful() / r.model().timing().cycles(), r.rtl().cyclesPerSecond());
        assertTrue(Math.abs(err) <= CycleModelSimTest.TOLERANCE, what + ": model " + r.model().timing().cycles()
                + " cycles vs rtl " + c.cycles() + String.format(" (%+.1f%%)", 100 * err));
    }
}
