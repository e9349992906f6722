package sohu.verify.soc;

import java.util.function.LongConsumer;
import sohu.core.compile.CoreConfig;
import sohu.core.isa.Program;
import sohu.core.sched.SeedStep;
import sohu.core.sched.SeedStepRun;
import sohu.verilator.axi.HbmConfig;

/**
 * The seed's batching step ({@link SeedStep}) compiled as the golden bench compiles it (a random
 * checkpoint of the scaled model) and run once on the RTL core of {@code core} in Verilator, with
 * the step cycle model's timing of the same program beside the counters.
 *
 * @param program  the program that ran
 * @param model    the compiled step's model timing (instructions, cycles, loss by cause)
 * @param counters the RTL run's counters
 * @param rtl      the RTL run (cycles, every counter, the trace) and its wall time
 */
public record RtlSeedStep(Program program, SeedStepRun model, RtlStepCounters counters, RtlStep rtl) {
    /** HBM the step runs against: an HBM3 model of 100 cycles of latency, as the layer bench's. */
    public static final HbmConfig HBM = HbmConfig.hbm3(100);

    /** Compiles {@code step} for {@code core} and runs it on the RTL, calling {@code progress} every million cycles. */
    public static RtlSeedStep run(SeedStep step, CoreConfig core, LongConsumer progress) {
        SeedStepRun.Compiled c = SeedStepRun.compile(step, core, true);
        RtlStep r = RtlStep.run(core, HBM, c.program().program(), c.image(), progress);
        SeedStepRun m = new SeedStepRun(step, core, c.program().program().size(), c.timing(), -1);
        return new RtlSeedStep(c.program().program(), m, RtlStepCounters.of(c.program().program(), core, r.run()), r);
    }

    /** The model's cycles over the RTL's (1 when they agree). */
    public double modelRatio() {
        return model.timing().cycles() / counters.cycles();
    }
}
