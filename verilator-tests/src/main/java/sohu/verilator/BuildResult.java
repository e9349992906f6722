package sohu.verilator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A Verilated design compiled into a shared library, ready for {@link Sim#open(BuildResult, SimOptions)}.
 *
 * @param top       top module
 * @param key       SHA-256 (hex) of everything that went into the build
 * @param directory cache folder holding the library, its manifest and build log
 * @param library   the shared library
 * @param cached    {@code true} when an earlier build was reused (no tool ran)
 * @param elapsed   time spent in {@link SimBuilder#build}, hashing included
 * @param ports     ports of the top as Verilator sees them
 * @param waves     waveform format compiled in
 * @param internals whether internal signals are readable
 */
public record BuildResult(String top, String key, Path directory, Path library, boolean cached,
                          Duration elapsed, List<SimPort> ports, WaveFormat waves, boolean internals) {

    /** Copies the port list. */
    public BuildResult {
        ports = List.copyOf(ports);
    }
}
