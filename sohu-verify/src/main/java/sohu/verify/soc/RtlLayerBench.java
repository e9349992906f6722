package sohu.verify.soc;

import java.util.function.LongConsumer;
import sohu.core.golden.CycleBreakdown;
import sohu.core.golden.LayerBench;
import sohu.core.golden.SimResult;
import sohu.verilator.axi.HbmConfig;

/**
 * The layer bench's step ({@link LayerBench}) run on the RTL core in Verilator: the same program
 * on the same HBM image, on a {@link SohuCore} of the bench's core configuration (its memories as
 * the bench sets them) over an HBM model, with the layer's breakdown taken from the run's trace
 * ({@link RtlSchedule}) and the simulation's speed.
 *
 * @param model          the bench on the golden simulator's timing (the program, the model's figures)
 * @param run            the RTL run (cycles, counters, trace)
 * @param layer          the layer's window of the RTL run, by phase
 * @param wallSeconds    seconds the simulation took (the Verilator build excluded)
 */
public record RtlLayerBench(LayerBench model, SohuCoreHarness.Run run, CycleBreakdown layer, double wallSeconds) {
    /** Runs the bench's step on the RTL, calling {@code progress} with the cycles run every million cycles. */
    public static RtlLayerBench run(LayerBench b, HbmConfig hbm, LongConsumer progress) {
        RtlStep r = RtlStep.run(b.core(), hbm, b.step().program(), b.image(), progress);
        SimResult s = RtlSchedule.of(b.step().program(), r.run());
        return new RtlLayerBench(b, r.run(), LayerBench.window(b.step(), s, b.core()), r.wallSeconds());
    }

    /** Simulated core cycles per second of wall time. */
    public double cyclesPerSecond() {
        return wallSeconds == 0 ? 0 : run.cycles() / wallSeconds;
    }

    /** The array's utilization over the whole step from the counters: array_busy / cycles. */
    public double stepUtilization() {
        return (double) run.counter("array_busy") / run.cycles();
    }
}
