package sohu.verilator;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How to build and run a simulation. Start from {@link #defaults()} and use the {@code with}
 * methods. Components marked <i>build</i> are part of the cache key; the others only affect a run.
 *
 * @param waves           <i>build</i>: waveform format compiled in ({@code NONE}: none, unless the
 *                        system property {@code sohu.waves} is {@code true}/{@code vcd}/{@code fst})
 * @param waveFile        where to write the waveform when tracing is on; {@code null}: under
 *                        {@code sohu.waves.dir} (default {@code target/waves}) named after the top
 * @param verilatorFlags  <i>build</i>: extra Verilator flags (for example {@code -Wall})
 * @param optFast         <i>build</i>: g++ optimization of the model ({@code OPT_FAST}), e.g. {@code -O1}
 * @param internals       <i>build</i>: expose internal signals ({@code --public-flat-rw --vpi}) for
 *                        {@link Sim#peekInternal(String)}; this slows simulation somewhat
 * @param clock           name of the clock port driven by {@link Sim#step()}
 * @param reset           name of the reset port driven by {@link Sim#reset(int)}; active low when
 *                        the name ends in {@code _n} or {@code _ni}, active high otherwise
 * @param history         number of past cycles of port values kept for failure messages (0: off)
 * @param plusargs        run-time arguments such as {@code +verilator+rand+reset+2}
 */
public record SimOptions(WaveFormat waves, Path waveFile, List<String> verilatorFlags, String optFast,
                         boolean internals, String clock, String reset, int history, List<String> plusargs) {

    /** Validates and copies the components. */
    public SimOptions {
        Objects.requireNonNull(waves, "waves");
        Objects.requireNonNull(optFast, "optFast");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(reset, "reset");
        verilatorFlags = List.copyOf(verilatorFlags);
        plusargs = List.copyOf(plusargs);
        if (history < 0) throw new IllegalArgumentException("history < 0");
        for (String f : verilatorFlags) {
            // Warnings must stay fatal: generated RTL is expected to be lint-clean.
            if (f.startsWith("-Wno-fatal")) throw new IllegalArgumentException("-Wno-fatal is not allowed");
        }
    }

    /** No waves, no extra flags, {@code -O1}, no internals, clock {@code clk}, reset {@code rst}, 16 cycles of history. */
    public static SimOptions defaults() {
        return new SimOptions(WaveFormat.NONE, null, List.of(), "-O1", false, "clk", "rst", 16, List.of());
    }

    /** Compiles in and turns on waveforms of the given format, written to the default path. */
    public SimOptions withWaves(WaveFormat format) {
        return new SimOptions(format, waveFile, verilatorFlags, optFast, internals, clock, reset, history, plusargs);
    }

    /** Compiles in and turns on waveforms of the given format, written to {@code file}. */
    public SimOptions withWaves(WaveFormat format, Path file) {
        return new SimOptions(format, file, verilatorFlags, optFast, internals, clock, reset, history, plusargs);
    }

    /** Adds Verilator flags. */
    public SimOptions withVerilatorFlags(String... flags) {
        List<String> all = new java.util.ArrayList<>(verilatorFlags);
        all.addAll(List.of(flags));
        return new SimOptions(waves, waveFile, all, optFast, internals, clock, reset, history, plusargs);
    }

    /** Sets the g++ optimization flag of the model ({@code -O0} builds fastest). */
    public SimOptions withOptFast(String flag) {
        return new SimOptions(waves, waveFile, verilatorFlags, flag, internals, clock, reset, history, plusargs);
    }

    /** Exposes internal signals to {@link Sim#peekInternal(String)}. */
    public SimOptions withInternals(boolean on) {
        return new SimOptions(waves, waveFile, verilatorFlags, optFast, on, clock, reset, history, plusargs);
    }

    /** Names the clock port. */
    public SimOptions withClock(String port) {
        return new SimOptions(waves, waveFile, verilatorFlags, optFast, internals, port, reset, history, plusargs);
    }

    /** Names the reset port. */
    public SimOptions withReset(String port) {
        return new SimOptions(waves, waveFile, verilatorFlags, optFast, internals, clock, port, history, plusargs);
    }

    /** Sets how many cycles of port values are kept for failure messages (0 turns it off). */
    public SimOptions withHistory(int cycles) {
        return new SimOptions(waves, waveFile, verilatorFlags, optFast, internals, clock, reset, cycles, plusargs);
    }

    /** Adds run-time arguments, e.g. {@code +verilator+rand+reset+2}, {@code +verilator+seed+7}. */
    public SimOptions withPlusargs(String... args) {
        List<String> all = new java.util.ArrayList<>(plusargs);
        all.addAll(List.of(args));
        return new SimOptions(waves, waveFile, verilatorFlags, optFast, internals, clock, reset, history, all);
    }

    /** The wave format after applying the {@code sohu.waves} system property. */
    public WaveFormat effectiveWaves() {
        if (waves != WaveFormat.NONE) return waves;
        String prop = System.getProperty("sohu.waves", "false").trim().toLowerCase(java.util.Locale.ROOT);
        return switch (prop) {
            case "true", "vcd", "1", "on" -> WaveFormat.VCD;
            case "fst" -> WaveFormat.FST;
            default -> WaveFormat.NONE;
        };
    }
}
