package sohu.verify.array;

import java.util.Random;
import sohu.core.array.ArrayConfig;
import sohu.core.array.EngineStatus;
import sohu.core.array.GemmCommand;
import sohu.core.array.MatrixEngine;
import sohu.core.fp.FpConvert;
import sohu.core.fp.FpFormat;
import sohu.core.fp.Saturation;
import sohu.verify.Mismatch;
import sohu.verify.WaveWindow;
import sohu.verilator.CircuitSim;
import sohu.verilator.Sim;
import sohu.verilator.SimOptions;

/**
 * Drives a Verilated {@link MatrixEngine} through its host port and command interface: loads A, W
 * (and an existing C) in the documented layout, runs a command, reads C back and collects the
 * performance counters.
 */
public final class EngineDriver implements AutoCloseable {
    /** Host select codes. */
    private static final int SEL_A = 0;
    private static final int SEL_W = 1;
    private static final int SEL_C = 2;

    /** The engine's configuration. */
    public final ArrayConfig cfg;
    /** The simulation driven. */
    public final Sim sim;
    private final Sim.Port hostWe;
    private final Sim.Port hostRe;
    private final Sim.Port hostSel;
    private final Sim.Port hostAddr;
    private final Sim.Port[] wdata;
    private final Sim.Port[] rdata;
    private final Sim.Port start;
    private final Sim.Port busy;
    private final Sim.Port done;
    private final Sim.Port error;
    private final Sim.Port[] fields;
    private final Sim.Port accumulate;
    private final WaveWindow window;
    /** The cycle at which the last command was started (where a waveform of its failure begins). */
    private long commandStart;

    /** Performance counters of the last command. */
    public record Counters(long cycles, long busy, long macs, long fill, long drain, long stallWeights, long stallAcc) {
        /** Cycles lost to edge padding, in array-cycles: issued rows minus useful MACs / (R·C). */
        public double padding(ArrayConfig cfg) {
            return busy - (double) macs / ((long) cfg.rows() * cfg.cols());
        }

        /** ideal / measured cycles, ideal = M·K·N / (R·C). */
        public double utilization(ArrayConfig cfg, long m, long k, long n) {
            return (double) m * k * n / ((double) cfg.rows() * cfg.cols() * cycles);
        }
    }

    /** Result of one command. */
    public record Outcome(EngineStatus status, Counters counters, long cyclesToDone) { }

    /** Opens a simulation of the engine (built with Verilator, cached). */
    public static EngineDriver open(ArrayConfig cfg) {
        return new EngineDriver(cfg, CircuitSim.open(MatrixEngine.elaborate(cfg), options(cfg)), WaveWindow.NONE);
    }

    /** Build options: -O1 for small arrays, -O0 builds faster for big ones (simulation runs short). */
    public static SimOptions options(ArrayConfig cfg) {
        return SimOptions.defaults().withOptFast(System.getProperty("sohu.array.opt", "-O1"));
    }

    /** Drives an open simulation of the engine (and closes it); {@code window} may start a waveform. */
    public EngineDriver(ArrayConfig cfg, Sim sim, WaveWindow window) {
        this.cfg = cfg;
        this.sim = sim;
        this.window = window;
        hostWe = sim.port("host_we");
        hostRe = sim.port("host_re");
        hostSel = sim.port("host_sel");
        hostAddr = sim.port("host_addr");
        wdata = new Sim.Port[cfg.lanes()];
        for (int i = 0; i < wdata.length; i++) {
            wdata[i] = sim.port("host_wdata_" + i);
        }
        rdata = new Sim.Port[cfg.cols()];
        for (int i = 0; i < rdata.length; i++) {
            rdata[i] = sim.port("host_rdata_" + i);
        }
        start = sim.port("cmd_start");
        busy = sim.port("status_busy");
        done = sim.port("status_done");
        error = sim.port("status_error");
        String[] names = {"m", "k", "n", "a_base", "a_stride", "w_base", "w_stride", "c_base", "c_stride"};
        fields = new Sim.Port[names.length];
        for (int i = 0; i < names.length; i++) {
            fields[i] = sim.port("cmd_" + names[i]);
        }
        accumulate = sim.port("cmd_accumulate");
        sim.reset(2);
    }

    /** Writes word {@code addr} of every bank of scratchpad {@code sel} (0 A, 1 W, 2 C) from {@code lanes}, one cycle. */
    public void hostWrite(int sel, int addr, long[] lanes) {
        hostSel.set(sel);
        for (int i = 0; i < wdata.length; i++) {
            wdata[i].set(i < lanes.length ? lanes[i] : 0);
        }
        write(addr);
    }

    /** Reads accumulator word {@code addr} of every bank (FP32 bits, bank n at index n), one cycle. */
    public int[] hostReadC(int addr) {
        hostSel.set(SEL_C);
        hostAddr.set(addr);
        hostRe.set(1);
        step();
        hostRe.set(0);
        int[] out = new int[cfg.cols()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) rdata[i].get();
        }
        return out;
    }

    /** Writes A[M][K] (format encodings); elements of the last word-line beyond K are zero. */
    public void loadA(GemmCommand cmd, int[][] a) {
        int r = cfg.rows();
        hostSel.set(SEL_A);
        for (int m = 0; m < cmd.m(); m++) {
            for (int kt = 0; kt < cmd.kTiles(cfg); kt++) {
                for (int i = 0; i < r; i++) {
                    int k = kt * r + i;
                    wdata[i].set(k < cmd.k() ? a[m][k] : 0);
                }
                write(cmd.aAddr(cfg, m, kt * r));
            }
        }
    }

    /** Writes W[K][N]. */
    public void loadW(GemmCommand cmd, int[][] w) {
        int c = cfg.cols();
        hostSel.set(SEL_W);
        for (int k = 0; k < cmd.k(); k++) {
            for (int nt = 0; nt < cmd.nTiles(cfg); nt++) {
                for (int i = 0; i < c; i++) {
                    int n = nt * c + i;
                    wdata[i].set(n < cmd.n() ? w[k][n] : 0);
                }
                write(cmd.wAddr(cfg, k, nt * c));
            }
        }
    }

    /** Writes an existing C[M][N] (FP32 bits) into the accumulator memory. */
    public void loadC(GemmCommand cmd, int[][] cm) {
        int c = cfg.cols();
        hostSel.set(SEL_C);
        for (int m = 0; m < cmd.m(); m++) {
            for (int nt = 0; nt < cmd.nTiles(cfg); nt++) {
                for (int i = 0; i < c; i++) {
                    int n = nt * c + i;
                    wdata[i].set(n < cmd.n() ? cm[m][n] & 0xFFFF_FFFFL : 0);
                }
                write(cmd.cAddr(cfg, m, nt * c));
            }
        }
    }

    /** Fills every accumulator word of C's region with {@code bits} (to show that untouched words stay). */
    public void fillC(GemmCommand cmd, int bits) {
        hostSel.set(SEL_C);
        for (int i = 0; i < cfg.cols(); i++) {
            wdata[i].set(bits & 0xFFFF_FFFFL);
        }
        for (int m = 0; m < cmd.m(); m++) {
            for (int nt = 0; nt < cmd.nTiles(cfg); nt++) {
                write(cmd.cAddr(cfg, m, nt * cfg.cols()));
            }
        }
    }

    private void step() {
        window.beforeStep(sim);
        sim.step();
    }

    /** The cycle at which the last command was started. */
    long commandStart() {
        return commandStart;
    }

    /** A mismatch seen now, with a waveform window from the start of the current command. */
    Mismatch mismatch(String port, String expected, String actual, String inputs) {
        return Mismatch.at(sim, port, expected, actual, inputs, commandStart - 8);
    }

    private void write(int addr) {
        hostAddr.set(addr);
        hostWe.set(1);
        step();
        hostWe.set(0);
    }

    /** Reads C[M][N] back (FP32 bits). */
    public int[][] readC(GemmCommand cmd) {
        int c = cfg.cols();
        int[][] out = new int[cmd.m()][cmd.n()];
        hostSel.set(SEL_C);
        for (int m = 0; m < cmd.m(); m++) {
            for (int nt = 0; nt < cmd.nTiles(cfg); nt++) {
                hostAddr.set(cmd.cAddr(cfg, m, nt * c));
                hostRe.set(1);
                step();
                hostRe.set(0);
                for (int i = 0; i < c && nt * c + i < cmd.n(); i++) {
                    out[m][nt * c + i] = (int) rdata[i].get();
                }
            }
        }
        return out;
    }

    /**
     * Checks that the accumulator words of C's rows beyond column N (the last N tile's padding
     * lanes) still hold {@code sentinel}: the engine writes only real outputs.
     */
    void expectUntouchedPadding(GemmCommand cmd, int sentinel) {
        int c = cfg.cols();
        int nt = cmd.nTiles(cfg) - 1;
        int first = cmd.n() - nt * c;
        if (first == c) {
            return;
        }
        hostSel.set(SEL_C);
        for (int m = 0; m < cmd.m(); m++) {
            hostAddr.set(cmd.cAddr(cfg, m, nt * c));
            hostRe.set(1);
            step();
            hostRe.set(0);
            for (int i = first; i < c; i++) {
                if ((int) rdata[i].get() != sentinel) {
                    throw mismatch(rdata[i].name(), String.format("0x%08X (untouched)", sentinel),
                            String.format("0x%08X", rdata[i].get()), "C row " + m + " lane " + i + " beyond N = " + cmd.n()
                                    + " of " + cmd);
                }
            }
        }
    }

    /** Runs a command to completion; fails if done does not come within {@code timeout} cycles. */
    public Outcome run(GemmCommand cmd, long timeout) {
        startOnly(cmd);
        if (busy.get() != 1) {
            throw mismatch(busy.name(), "1", Long.toString(busy.get()), "one cycle after cmd_start of " + cmd);
        }
        return finish(cmd, timeout);
    }

    /** Presents a command and pulses start for one cycle. */
    void startOnly(GemmCommand cmd) {
        commandStart = sim.cycle();
        int[] v = {cmd.m(), cmd.k(), cmd.n(), cmd.aBase(), cmd.aStride(), cmd.wBase(), cmd.wStride(), cmd.cBase(), cmd.cStride()};
        for (int i = 0; i < v.length; i++) {
            fields[i].set(v[i]);
        }
        accumulate.set(cmd.accumulate() ? 1 : 0);
        start.set(1);
        step();
        start.set(0);
    }

    /** Steps until done; returns the status, counters and the cycles waited. */
    Outcome finish(GemmCommand cmd, long timeout) {
        long t = 0;
        while (done.get() == 0) {
            if (++t > timeout) {
                throw mismatch(done.name(), "1 within " + timeout + " cycles", "0", cmd.toString());
            }
            step();
        }
        if (busy.get() != 0) {
            throw mismatch(busy.name(), "0 with done", Long.toString(busy.get()), cmd.toString());
        }
        return new Outcome(EngineStatus.of(error.get()), counters(), t);
    }

    Counters counters() {
        return new Counters(sim.peek("perf_cycles"), sim.peek("perf_busy"), sim.peek("perf_macs"), sim.peek("perf_fill"),
                sim.peek("perf_drain"), sim.peek("perf_stall_weights"), sim.peek("perf_stall_acc"));
    }

    /**
     * A random matrix of encodings: values from a normal distribution rounded into the format, with
     * a fraction {@code special} of the elements replaced by uniformly random encodings (zeros,
     * subnormals, huge values, infinities and NaNs included).
     */
    public static int[][] randomMatrix(Random rnd, FpFormat f, int rows, int cols, double scale, double special) {
        int[][] x = new int[rows][cols];
        int mask = f.width() == 32 ? -1 : (1 << f.width()) - 1;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                x[i][j] = rnd.nextDouble() < special ? rnd.nextInt() & mask
                        : FpConvert.narrow((float) (rnd.nextGaussian() * scale), f, Saturation.SATURATING);
            }
        }
        return x;
    }

    @Override
    public void close() {
        sim.close();
    }
}
