package sohu.verify;

import java.nio.file.Path;
import sohu.verilator.Sim;

/**
 * Starts a waveform at a given cycle of a simulation (the model must be built with waves compiled
 * in), so a replayed failure records only the cycles around it. Harnesses call
 * {@link #beforeStep(Sim)} before every clock step.
 */
public final class WaveWindow {
    /** Never starts a waveform. */
    public static final WaveWindow NONE = new WaveWindow(Long.MAX_VALUE, null);

    private final long start;
    private final Path file;
    private boolean started;

    /** A window from cycle {@code start} on, written to {@code file}. */
    public WaveWindow(long start, Path file) {
        this.start = start;
        this.file = file;
    }

    /** Starts the waveform when the simulation has reached the window's first cycle. */
    public void beforeStep(Sim sim) {
        if (!started && sim.cycle() >= start) {
            sim.startWaves(file);
            started = true;
        }
    }
}
