package sohu.verilator;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One running Verilated model, in this process. Not thread-safe: drive a {@code Sim} from one
 * thread at a time. Several {@code Sim}s, of the same or different designs, may be open at once.
 *
 * <h2>Timing</h2>
 * {@link #step()} runs one period of the clock port: clock low, evaluate, clock high, evaluate.
 * Values poked before {@code step()} are what the rising edge samples; after {@code step()},
 * registers hold their post-edge values and combinational outputs have settled. Pokes between
 * steps take effect in the combinational logic only after {@link #eval()} or the next step.
 * Waveform time advances by one unit per half period (the clock rises at odd times).
 *
 * <h2>Speed</h2>
 * {@link Port#set(long)} and {@link Port#get()} read and write the model's port variables
 * directly through a direct {@link ByteBuffer}, without a JNI call; only {@code step}/{@code eval}
 * cross into native code. Resolve ports once with {@link #port(String)} outside hot loops.
 */
public final class Sim implements AutoCloseable {
    private static final Map<Path, Long> LIBRARIES = new ConcurrentHashMap<>();
    private static final AtomicInteger WAVE_SEQ = new AtomicInteger();

    private final BuildResult build;
    private final SimOptions options;
    private final Map<String, Port> ports = new LinkedHashMap<>();
    private final Port clock;
    private long inst;
    private long cycle;
    /** Cycles run on clocks other than the default one, by port name. */
    private final Map<String, Long> otherCycles = new LinkedHashMap<>();
    private boolean finished;
    private Path wavePath;

    private Sim(BuildResult build, SimOptions options) {
        this.build = build;
        this.options = options;
        long api = LIBRARIES.computeIfAbsent(build.library(), p -> NativeSim.open(p.toString()));
        List<String> args = new ArrayList<>(List.of("sohu-sim"));
        args.addAll(options.plusargs());
        inst = NativeSim.create(api, args.toArray(String[]::new));
        List<String> spec = NativeSim.portSpec(api).lines().toList();
        for (int i = 0; i < spec.size(); i++) {
            SimPort p = SimPort.parseSpec(spec.get(i));
            ports.put(p.name(), new Port(this, p, NativeSim.portBuffer(inst, i), i));
        }
        Port clk = ports.get(options.clock());
        if (clk != null && (clk.width != 1 || !clk.info.drivable() || NativeSim.setClock(inst, clk.index) != 0)) {
            close();
            throw new SimException("clock port '" + options.clock() + "' must be a 1-bit input");
        }
        clock = clk;
        if (options.history() > 0) NativeSim.setHistory(inst, options.history());
        if (options.effectiveWaves() != WaveFormat.NONE && build.waves() != WaveFormat.NONE) {
            startWaves(options.waveFile() != null ? options.waveFile() : defaultWavePath());
        }
    }

    /** Builds (or reuses) {@code source} with default options and opens it. */
    public static Sim open(SimSource source) {
        return open(source, SimOptions.defaults());
    }

    /** Builds (or reuses, from the default cache) {@code source} and opens it. */
    public static Sim open(SimSource source, SimOptions options) {
        return open(new SimBuilder().build(source, options), options);
    }

    /** Opens a new instance of an already built design; {@code options} gives the run-time settings. */
    public static Sim open(BuildResult build, SimOptions options) {
        return new Sim(build, options);
    }

    /** The build this simulation runs. */
    public BuildResult build() {
        return build;
    }

    /** Ports of the top, in declaration order. */
    public List<Port> ports() {
        return Collections.unmodifiableList(new ArrayList<>(ports.values()));
    }

    /** Resolves a port by name once, for fast repeated access. */
    public Port port(String name) {
        Port p = ports.get(name);
        if (p == null) throw new IllegalArgumentException("no port '" + name + "' on " + build.top() + "; ports: " + ports.keySet());
        return p;
    }

    /** Drives an input (value masked to the port width; negative values are two's complement). */
    public void poke(String name, long value) {
        port(name).set(value);
    }

    /** Drives an input of any width. */
    public void poke(String name, BigInteger value) {
        port(name).set(value);
    }

    /** Reads a port of at most 64 bits, zero-extended. */
    public long peek(String name) {
        return port(name).get();
    }

    /** Reads a port of any width as a non-negative number. */
    public BigInteger peekBig(String name) {
        return port(name).getBig();
    }

    /** Evaluates the model without touching the clock (settles combinational logic after pokes). */
    public void eval() {
        requireOpen();
        if (NativeSim.eval(inst) != 0) throw failed("eval", cycle, null);
    }

    /** Runs one clock cycle (see the class comment for sampling semantics). */
    public void step() {
        step(1);
    }

    /** Runs {@code n} clock cycles; stops early if the design executes {@code $finish}. */
    public void step(long n) {
        if (n < 0) throw new IllegalArgumentException("negative cycle count " + n);
        requireOpen();
        if (clock == null) throw new SimException("no clock port '" + options.clock() + "' on " + build.top() + " (see SimOptions.withClock)");
        cycle = run(n, cycle, null);
    }

    /**
     * Runs {@code n} cycles of another clock input (designs with several clock domains); the
     * other clocks hold their levels. {@link #step()} keeps driving the default clock.
     */
    public void step(String clockPort, long n) {
        Port p = port(clockPort);
        if (p == clock) {
            step(n);
            return;
        }
        if (n < 0) throw new IllegalArgumentException("negative cycle count " + n);
        requireOpen();
        if (p.width != 1 || !p.drivable || NativeSim.setClock(inst, p.index) != 0) {
            throw new SimException("clock port '" + clockPort + "' must be a 1-bit input");
        }
        try {
            otherCycles.put(p.name(), run(n, cycle(p.name()), p.name()));
        } finally {
            if (inst != 0 && clock != null) NativeSim.setClock(inst, clock.index);
        }
    }

    /** Runs one cycle of another clock input (see {@link #step(String, long)}). */
    public void step(String clockPort) {
        step(clockPort, 1);
    }

    /** Number of cycles run so far on that clock input. */
    public long cycle(String clockPort) {
        return clock != null && clock.name().equals(clockPort) ? cycle : otherCycles.getOrDefault(clockPort, 0L);
    }

    /** Steps the clock selected in the model; returns the new cycle count of that clock. */
    private long run(long n, long done, String clockName) {
        if (finished) throw new SimException(build.top() + " executed $finish at cycle " + done);
        long r = NativeSim.step(inst, n);
        if (r == n) {
            return done + n;
        }
        if (r < 0) {
            throw failed("step", done + (-1 - r), clockName);
        }
        finished = true; // the design ran $finish
        return done + (r & ~NativeAbi.FINISHED);
    }

    /**
     * How often a cover point of the language ({@code cover(cond, name)}) was hit so far:
     * {@code name} of the top, or {@code instance.name} below it. Needs
     * {@link SimOptions#withInternals(boolean)}.
     */
    public long coverCount(String name) {
        int dot = name.lastIndexOf('.');
        return peekInternalLong(name.substring(0, dot + 1) + "cover_" + name.substring(dot + 1));
    }

    /** Number of clock cycles run so far. */
    public long cycle() {
        return cycle;
    }

    /** Whether the design executed {@code $finish}; further steps then fail. */
    public boolean finished() {
        return finished;
    }

    /**
     * Holds the reset port ({@link SimOptions#reset()}) active for {@code cycles} cycles, then
     * releases it (without stepping again).
     */
    public void reset(int cycles) {
        String name = options.reset();
        reset(name, !(name.endsWith("_n") || name.endsWith("_ni")), cycles);
    }

    /** Holds {@code port} at its active level for {@code cycles} cycles, then releases it. */
    public void reset(String port, boolean activeHigh, int cycles) {
        Port p = port(port);
        p.set(activeHigh ? 1 : 0);
        step(cycles);
        p.set(activeHigh ? 0 : 1);
    }

    /**
     * Reads an internal signal by hierarchical name, for example {@code "top.u_core.state"} (a leading
     * {@code TOP.} is optional; a name without the top prefix is taken relative to the top).
     * Requires {@link SimOptions#withInternals(boolean)}.
     */
    public BigInteger peekInternal(String name) {
        requireOpen();
        if (!build.internals()) {
            throw new SimException("internal signals of " + build.top() + " are not exposed: open it with "
                    + "SimOptions.withInternals(true) (builds with --public-flat-rw --vpi)");
        }
        String full = name.startsWith("TOP.") ? name
                : name.startsWith(build.top() + ".") ? "TOP." + name : "TOP." + build.top() + "." + name;
        int[] words = new int[4];
        int width = NativeSim.peekInternal(inst, full, words);
        if (width > words.length * 32) {
            words = new int[(width + 31) / 32];
            width = NativeSim.peekInternal(inst, full, words);
        }
        if (width == -4) throw new SimException("'" + full + "' is not a single vector (a scope or a memory?)");
        if (width < 0) throw new SimException("no internal signal '" + full + "' in " + build.top());
        return Words.toBig(words, width);
    }

    /** {@link #peekInternal(String)} for signals of at most 64 bits. */
    public long peekInternalLong(String name) {
        BigInteger v = peekInternal(name);
        if (v.bitLength() > 64) throw new SimException(name + " is wider than 64 bits: use peekInternal");
        return v.longValue();
    }

    /** Checks a port's value; on mismatch throws an {@link AssertionError} with context (see {@link #mismatch}). */
    public void expect(String name, long expected) {
        expect(port(name), expected);
    }

    /** Checks a port's value (at most 64 bits). */
    public void expect(Port port, long expected) {
        long actual = port.get();
        long want = expected & port.mask;
        if (actual != want) throw mismatch(port.name(), BigInteger.valueOf(want), BigInteger.valueOf(actual).and(Words.mask(64)));
    }

    /** Checks a port's value (any width). */
    public void expect(Port port, BigInteger expected) {
        BigInteger actual = port.getBig();
        BigInteger want = expected.and(Words.mask(port.width));
        if (!actual.equals(want)) throw mismatch(port.name(), want, actual);
    }

    /**
     * The error raised on a failed check: cycle, signal, expected and actual values in hex, the
     * last cycles of port values (when history is on) and the waveform path (when tracing).
     */
    public AssertionError mismatch(String signal, BigInteger expected, BigInteger actual) {
        return new AssertionError(FailureReport.mismatch(this, signal, expected, actual));
    }

    /** An error for any other failed condition, with the same context as {@link #mismatch}. */
    public AssertionError failure(String message) {
        return new AssertionError(FailureReport.failure(this, message));
    }

    /** Recent port values, formatted as a table (empty when history is off). */
    public String historyTable() {
        if (inst == 0 || options.history() == 0) return "";
        return PortHistory.format(List.copyOf(ports.values()), NativeSim.history(inst));
    }

    /** Starts writing a waveform to {@code file} (requires waves compiled in); replaces any current one. */
    public void startWaves(Path file) {
        requireOpen();
        if (build.waves() == WaveFormat.NONE) {
            throw new SimException(build.top() + " was built without tracing: use SimOptions.withWaves or -Dsohu.waves=true");
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
        } catch (java.io.IOException e) {
            throw new SimException("cannot create folder for " + file, e);
        }
        if (NativeSim.traceOpen(inst, file.toString()) != 0) throw new SimException("cannot open waveform " + file);
        wavePath = file.toAbsolutePath();
    }

    /** Stops and closes the current waveform, if any. */
    public void stopWaves() {
        requireOpen();
        NativeSim.traceClose(inst);
    }

    /** Flushes the waveform so far to disk. */
    public void flushWaves() {
        if (inst != 0 && wavePath != null) NativeSim.traceFlush(inst);
    }

    /** The current (or last) waveform file, if tracing was started. */
    public Optional<Path> wavePath() {
        return Optional.ofNullable(wavePath);
    }

    /** Finishes the model, closes the waveform and frees native memory. Idempotent. */
    @Override
    public void close() {
        if (inst == 0) return;
        for (Port p : ports.values()) p.buf = null; // any later access fails instead of touching freed memory
        long i = inst;
        inst = 0;
        NativeSim.destroy(i);
    }

    private void requireOpen() {
        if (inst == 0) throw new IllegalStateException("simulation of " + build.top() + " is closed");
    }

    private SimException failed(String what, long completed, String clockName) {
        String msg = NativeSim.error(inst);
        String table = historyTable();
        flushWaves();
        // The model stopped mid-evaluation; its state is unusable.
        close();
        String clk = clockName == null ? "" : " of " + clockName;
        String when = what.equals("step") ? " in cycle " + (completed + 1) + clk + " (" + completed + " completed)" : " at cycle " + completed;
        String text = build.top() + ": " + what + " failed" + when + ": " + msg
                + (table.isEmpty() ? "" : "\nlast cycles:\n" + table.stripTrailing())
                + (wavePath == null ? "" : "\nwaveform: " + wavePath);
        java.util.regex.Matcher a = SimAssertionException.MESSAGE.matcher(msg);
        if (a.find()) {
            return new SimAssertionException(text, a.group(1), a.group(2), a.group(3), completed + 1,
                    clockName == null ? options.clock() : clockName);
        }
        return new SimException(text);
    }

    private Path defaultWavePath() {
        Path dir = Path.of(System.getProperty("sohu.waves.dir", "target/waves"));
        return dir.resolve(build.top() + "-" + WAVE_SEQ.incrementAndGet() + "." + build.waves().extension());
    }

    /**
     * A resolved port. {@code set}/{@code get} go straight to the model's variable, so they cost a
     * few nanoseconds; do not keep a {@code Port} past {@link Sim#close()}.
     */
    public static final class Port {
        private final Sim sim;
        private final SimPort info;
        private final int index;
        private final int width;
        private final int bytes;
        private final long mask;
        private final boolean drivable;
        private ByteBuffer buf;

        Port(Sim sim, SimPort info, ByteBuffer buf, int index) {
            this.sim = sim;
            this.info = info;
            this.index = index;
            this.width = info.width();
            this.buf = buf.order(ByteOrder.nativeOrder());
            this.bytes = buf.capacity();
            this.mask = width >= 64 ? -1L : (1L << width) - 1;
            this.drivable = info.drivable();
            int expected = width <= 8 ? 1 : width <= 16 ? 2 : width <= 32 ? 4 : width <= 64 ? 8 : 4 * ((width + 31) / 32);
            if (bytes != expected) throw new SimException("port " + info.name() + ": " + bytes + " bytes, expected " + expected);
        }

        /** Port name. */
        public String name() {
            return info.name();
        }

        /** Width in bits. */
        public int width() {
            return width;
        }

        /** Declared direction. */
        public SimPort.Direction direction() {
            return info.dir();
        }

        /** The simulation this port belongs to. */
        public Sim sim() {
            return sim;
        }

        /**
         * Drives the port. Accepts values that fit unsigned or as two's complement in the width
         * (e.g. {@code -1} sets all bits); on ports wider than 64 bits a negative value is sign-extended.
         */
        public void set(long value) {
            ByteBuffer b = writable();
            if ((value & ~mask) != 0 && (value | (mask >>> 1)) != -1L) {
                throw new IllegalArgumentException("value 0x" + Long.toHexString(value) + " does not fit port " + name() + " [" + width + "]");
            }
            long v = value & mask;
            switch (bytes) {
                case 1 -> b.put(0, (byte) v);
                case 2 -> b.putShort(0, (short) v);
                case 4 -> b.putInt(0, (int) v);
                case 8 -> b.putLong(0, v);
                default -> set(BigInteger.valueOf(value));
            }
        }

        /** Drives the port with a value of any width (negative: two's complement). */
        public void set(BigInteger value) {
            ByteBuffer b = writable();
            if (value.signum() >= 0 ? value.bitLength() > width : value.bitLength() >= width) {
                throw new IllegalArgumentException("value 0x" + value.toString(16) + " does not fit port " + name() + " [" + width + "]");
            }
            if (bytes <= 8) {
                set(value.longValue() & mask);
                return;
            }
            Words.write(b, value, width);
        }

        /** Drives the port from 64-bit words, least significant first. */
        public void setWords(long[] words) {
            set(Words.toBig(words, width));
        }

        /** Reads a port of at most 64 bits, zero-extended. */
        public long get() {
            ByteBuffer b = buf;
            if (b == null) throw closed();
            return switch (bytes) {
                case 1 -> b.get(0) & 0xFFL;
                case 2 -> b.getShort(0) & 0xFFFFL;
                case 4 -> b.getInt(0) & mask;
                case 8 -> b.getLong(0) & mask;
                default -> throw new IllegalStateException("port " + name() + " is " + width + " bits wide: use getBig()");
            };
        }

        /** Reads the port sign-extended from its width (ports of at most 64 bits). */
        public long getSigned() {
            int shift = 64 - width;
            return (get() << shift) >> shift;
        }

        /** Reads a port of any width as a non-negative number. */
        public BigInteger getBig() {
            if (bytes <= 8) return new BigInteger(Long.toUnsignedString(get()));
            ByteBuffer b = buf;
            if (b == null) throw closed();
            return Words.read(b, width);
        }

        /** Copies the value into {@code dst} as 64-bit words, least significant first, starting at {@code off}. */
        public void getWords(long[] dst, int off) {
            if (bytes <= 8) {
                dst[off] = get();
                return;
            }
            ByteBuffer b = buf;
            if (b == null) throw closed();
            for (int w = 0; w * 4 < bytes; w += 2) {
                long lo = b.getInt(w * 4) & 0xFFFFFFFFL;
                long hi = (w + 1) * 4 < bytes ? b.getInt((w + 1) * 4) & 0xFFFFFFFFL : 0;
                dst[off + w / 2] = lo | hi << 32;
            }
        }

        /** Bytes of the model variable behind this port. */
        int bytes() {
            return bytes;
        }

        /** Number of 64-bit words {@link #getWords} writes. */
        public int words() {
            return (width + 63) / 64;
        }

        private ByteBuffer writable() {
            ByteBuffer b = buf;
            if (b == null) throw closed();
            if (!drivable) throw new IllegalStateException("port " + name() + " is an output");
            return b;
        }

        private IllegalStateException closed() {
            return new IllegalStateException("simulation of " + sim.build.top() + " is closed");
        }

        @Override
        public String toString() {
            return info.dir().name().toLowerCase(java.util.Locale.ROOT) + " [" + width + "] " + name();
        }
    }
}
