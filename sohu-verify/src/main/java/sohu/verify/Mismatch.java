package sohu.verify;

import java.nio.file.Path;
import java.util.Optional;
import sohu.verilator.Sim;

/**
 * The first difference between the RTL and the golden model in a check: when (simulation cycle),
 * where (the port), what (expected and actual), from what (the inputs) and the cycle from which a
 * waveform of the case is worth recording. An {@link AssertionError}, so a JUnit test that runs a
 * check fails with the full report.
 */
public final class Mismatch extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final long cycle;
    private final String port;
    private final String expected;
    private final String actual;
    private final String inputs;
    private final long windowStart;
    private final transient Path waveform;

    private Mismatch(String report, long cycle, String port, String expected, String actual, String inputs,
                     long windowStart, Path waveform) {
        super(report);
        this.cycle = cycle;
        this.port = port;
        this.expected = expected;
        this.actual = actual;
        this.inputs = inputs;
        this.windowStart = windowStart;
        this.waveform = waveform;
    }

    /**
     * A mismatch seen on {@code sim} just now: its message is the bridge's failure report (cycle,
     * what differed, the last cycles of every port, the waveform if one is being written).
     *
     * @param windowStart the first cycle of the waveform window that shows how the case came about
     */
    public static Mismatch at(Sim sim, String port, String expected, String actual, String inputs, long windowStart) {
        String what = port + ": expected " + expected + ", actual " + actual + "; inputs " + inputs;
        String report = sim.failure(what).getMessage();
        return new Mismatch(report, sim.cycle(), port, expected, actual, inputs, Math.max(0, windowStart),
                sim.wavePath().orElse(null));
    }

    /** The simulation cycle at which the difference was seen. */
    public long cycle() {
        return cycle;
    }

    /** The port (or named output) that differed. */
    public String port() {
        return port;
    }

    /** The golden model's value. */
    public String expected() {
        return expected;
    }

    /** The RTL's value. */
    public String actual() {
        return actual;
    }

    /** The inputs that produced the value. */
    public String inputs() {
        return inputs;
    }

    /** The first cycle of the waveform window around the mismatch. */
    public long windowStart() {
        return windowStart;
    }

    /** The waveform being written when the mismatch was seen, if any. */
    public Optional<Path> waveform() {
        return Optional.ofNullable(waveform);
    }
}
