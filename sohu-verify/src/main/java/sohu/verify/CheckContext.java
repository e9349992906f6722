package sohu.verify;

import java.nio.file.Path;
import java.util.function.Supplier;
import sohu.hdl.ir.Circuit;
import sohu.verilator.Sim;
import sohu.verilator.SimOptions;
import sohu.verilator.WaveFormat;

/**
 * What a running {@link BlockCheck} gets: its seed, the shared {@link SharedBuilds}, and how waveforms are
 * recorded (none, the whole check, or a window starting at a cycle, for a replayed failure).
 */
public final class CheckContext {
    /** How a check records waveforms. */
    public enum Waves {
        /** No tracing compiled in. */
        NONE,
        /** The whole check, one file per simulation. */
        ALL,
        /** From {@link CheckContext#windowStart} on (a replay of a mismatch). */
        WINDOW
    }

    private final SharedBuilds designs;
    private final long seed;
    private final Waves waves;
    private final Path waveFile;
    private final long windowStart;
    private int sims;

    private CheckContext(SharedBuilds designs, long seed, Waves waves, Path waveFile, long windowStart) {
        this.designs = designs;
        this.seed = seed;
        this.waves = waves;
        this.waveFile = waveFile;
        this.windowStart = windowStart;
    }

    /** A context without waveforms. */
    public static CheckContext plain(SharedBuilds designs, long seed) {
        return new CheckContext(designs, seed, Waves.NONE, null, 0);
    }

    /** A context that writes the waveform of every simulation the check opens to {@code file} (numbered after the first). */
    public static CheckContext allWaves(SharedBuilds designs, long seed, Path file) {
        return new CheckContext(designs, seed, Waves.ALL, file, 0);
    }

    /** A context that writes the waveform of the check's simulation from cycle {@code start} on. */
    public static CheckContext window(SharedBuilds designs, long seed, Path file, long start) {
        return new CheckContext(designs, seed, Waves.WINDOW, file, start);
    }

    /** The check's seed (the run's seed mixed with the check's name). */
    public long seed() {
        return seed;
    }

    /**
     * Opens a simulation of the design {@code name} (built once per run with {@code base}'s build
     * options, plus tracing when this context records waveforms).
     */
    public Sim open(String name, Supplier<Circuit> circuit, SimOptions base) {
        if (waves == Waves.NONE) {
            return Sim.open(designs.build(name, circuit, base), base);
        }
        SimOptions traced = base.withWaves(WaveFormat.FST, nextWaveFile());
        // WINDOW: compiled in, started later by the harness's WaveWindow.
        SimOptions run = waves == Waves.ALL ? traced : base;
        return Sim.open(designs.build(name, circuit, traced), run);
    }

    /** The window the harness of the last opened simulation must apply ({@link WaveWindow#NONE} unless replaying). */
    public WaveWindow window() {
        return waves == Waves.WINDOW ? new WaveWindow(windowStart, waveFile) : WaveWindow.NONE;
    }

    private synchronized Path nextWaveFile() {
        sims++;
        if (sims == 1) {
            return waveFile;
        }
        String n = waveFile.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return waveFile.resolveSibling(n.substring(0, dot) + "-" + sims + n.substring(dot));
    }
}
