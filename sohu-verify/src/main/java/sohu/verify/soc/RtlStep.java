package sohu.verify.soc;

import java.util.function.LongConsumer;
import sohu.core.compile.CoreConfig;
import sohu.core.compile.HbmImage;
import sohu.core.isa.Program;
import sohu.core.soc.rtl.SohuCore;
import sohu.verilator.axi.HbmConfig;

/**
 * One compiled program run once on a fresh {@link SohuCore} of a core configuration in Verilator
 * (the part the RTL benches share): the program placed in HBM just past the image, the run's
 * cycles and counters, and how long the simulation took.
 *
 * @param run         the RTL run (cycles, counters, trace)
 * @param wallSeconds seconds the simulation took (the Verilator build excluded)
 */
public record RtlStep(SohuCoreHarness.Run run, double wallSeconds) {
    private static final long PROGRAM_ALIGN = 4096;

    /** Where the program goes: the first 4 KiB boundary at or past the image's end. */
    public static long programAddress(HbmImage image) {
        return (image.size() + PROGRAM_ALIGN - 1) / PROGRAM_ALIGN * PROGRAM_ALIGN;
    }

    /**
     * Runs {@code program} on {@code image} (changed in place) on the default SohuCore around
     * {@code core} ({@link SohuCore.Params#of}), calling {@code progress} with the cycles run
     * every million cycles.
     */
    public static RtlStep run(CoreConfig core, HbmConfig hbm, Program program, HbmImage image, LongConsumer progress) {
        try (SohuCoreHarness h = new SohuCoreHarness(SohuCore.Params.of(core), hbm)) {
            h.onProgress(progress);
            long t0 = System.nanoTime();
            SohuCoreHarness.Run r = h.run(program, image, programAddress(image));
            return new RtlStep(r, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** Simulated core cycles per second of wall time. */
    public double cyclesPerSecond() {
        return wallSeconds == 0 ? 0 : run.cycles() / wallSeconds;
    }

    /** The array's busy share of the run from the counters: {@code array_busy / cycles}. */
    public double arrayBusyShare() {
        return (double) run.counter("array_busy") / run.cycles();
    }
}
