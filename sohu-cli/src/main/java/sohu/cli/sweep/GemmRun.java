package sohu.cli.sweep;

import java.util.Random;
import sohu.cli.sweep.PointResult.Gemm;
import sohu.core.array.ArrayConfig;
import sohu.core.array.EngineStatus;
import sohu.core.array.GemmCommand;
import sohu.core.array.GemmGolden;
import sohu.core.fp.FpConvert;
import sohu.core.fp.FpFormat;
import sohu.core.fp.Saturation;
import sohu.hdl.emit.Emitted;
import sohu.verilator.CircuitSim;
import sohu.verilator.Sim;
import sohu.verilator.SimOptions;

/**
 * Runs the reference GEMM on a Verilated matrix engine through its host port: loads random A and
 * W (normally distributed values rounded into the format, seeded by the point so reruns repeat),
 * starts the command, waits for done, reads the cycle counter and C, and compares C with
 * {@link GemmGolden} bit for bit.
 */
public final class GemmRun {
    private static final int SEL_A = 0;
    private static final int SEL_W = 1;
    private static final int SEL_C = 2;
    private static final String[] FIELDS = {"m", "k", "n", "a_base", "a_stride", "w_base", "w_stride", "c_base", "c_stride"};

    private GemmRun() { }

    /**
     * Builds (Verilator, cached) and simulates the emitted engine of a point, configured by
     * {@link ReferenceGemm#config}.
     *
     * @throws IllegalStateException when the engine rejects the command or never finishes
     */
    public static Gemm run(Emitted rtl, SweepPoint p, long seed) {
        // -O0: the C++ build dominates; the simulation itself is a few hundred cycles.
        SimOptions options = SimOptions.defaults().withOptFast("-O0");
        try (Sim sim = Sim.open(CircuitSim.source(rtl), options)) {
            return run(sim, p, seed);
        }
    }

    /** Runs the GEMM on an open simulation of the engine of a point. */
    static Gemm run(Sim sim, SweepPoint p, long seed) {
        ArrayConfig cfg = ReferenceGemm.config(p);
        ReferenceGemm g = ReferenceGemm.of(p);
        GemmCommand cmd = g.command(cfg);
        Random rnd = new Random(seed);
        int[][] a = random(rnd, cfg.format(), g.m(), g.k());
        int[][] w = random(rnd, cfg.format(), g.k(), g.n());
        sim.reset(2);
        load(sim, cfg, SEL_A, g.m(), cmd.kTiles(cfg), cfg.rows(), (row, t, lane) -> {
            int k = t * cfg.rows() + lane;
            return k < g.k() ? a[row][k] : 0;
        }, (row, t) -> cmd.aAddr(cfg, row, t * cfg.rows()));
        load(sim, cfg, SEL_W, g.k(), cmd.nTiles(cfg), cfg.cols(), (row, t, lane) -> {
            int n = t * cfg.cols() + lane;
            return n < g.n() ? w[row][n] : 0;
        }, (row, t) -> cmd.wAddr(cfg, row, t * cfg.cols()));
        long cycles = execute(sim, cmd, 1000L * (cmd.m() + cfg.rows() + cfg.cols()) * cmd.kTiles(cfg) * cmd.nTiles(cfg));
        int[][] c = readC(sim, cfg, cmd);
        boolean exact = java.util.Arrays.deepEquals(GemmGolden.gemm(cfg, a, w, null), c);
        return new Gemm(g.m(), g.k(), g.n(), cycles, g.utilization(p, cycles), exact);
    }

    /** Element of a matrix row for a word-line {@code t} and lane. */
    private interface Lane {
        int value(int row, int t, int lane);
    }

    /** Address of a word-line. */
    private interface Addr {
        int of(int row, int t);
    }

    private static void load(Sim sim, ArrayConfig cfg, int sel, int rows, int tiles, int lanes, Lane value, Addr addr) {
        Sim.Port we = sim.port("host_we");
        Sim.Port a = sim.port("host_addr");
        Sim.Port[] data = new Sim.Port[lanes];
        for (int i = 0; i < lanes; i++) {
            data[i] = sim.port("host_wdata_" + i);
        }
        sim.port("host_sel").set(sel);
        for (int r = 0; r < rows; r++) {
            for (int t = 0; t < tiles; t++) {
                for (int i = 0; i < lanes; i++) {
                    data[i].set(value.value(r, t, i) & 0xFFFF_FFFFL);
                }
                a.set(addr.of(r, t));
                we.set(1);
                sim.step();
                we.set(0);
            }
        }
    }

    /** Starts the command and steps until done; returns the engine's own cycle count. */
    private static long execute(Sim sim, GemmCommand cmd, long timeout) {
        int[] v = {cmd.m(), cmd.k(), cmd.n(), cmd.aBase(), cmd.aStride(), cmd.wBase(), cmd.wStride(), cmd.cBase(),
            cmd.cStride()};
        for (int i = 0; i < v.length; i++) {
            sim.port("cmd_" + FIELDS[i]).set(v[i]);
        }
        sim.port("cmd_accumulate").set(0);
        sim.port("cmd_start").set(1);
        sim.step();
        sim.port("cmd_start").set(0);
        Sim.Port done = sim.port("status_done");
        for (long t = 0; done.get() == 0; t++) {
            if (t > timeout) {
                throw new IllegalStateException("the engine did not finish the reference GEMM within " + timeout + " cycles");
            }
            sim.step();
        }
        EngineStatus status = EngineStatus.of(sim.peek("status_error"));
        if (status != EngineStatus.OK) {
            throw new IllegalStateException("the engine rejected the reference GEMM: " + status);
        }
        return sim.peek("perf_cycles");
    }

    private static int[][] readC(Sim sim, ArrayConfig cfg, GemmCommand cmd) {
        int c = cfg.cols();
        Sim.Port re = sim.port("host_re");
        Sim.Port addr = sim.port("host_addr");
        Sim.Port[] data = new Sim.Port[c];
        for (int i = 0; i < c; i++) {
            data[i] = sim.port("host_rdata_" + i);
        }
        sim.port("host_sel").set(SEL_C);
        int[][] out = new int[cmd.m()][cmd.n()];
        for (int m = 0; m < cmd.m(); m++) {
            for (int nt = 0; nt < cmd.nTiles(cfg); nt++) {
                addr.set(cmd.cAddr(cfg, m, nt * c));
                re.set(1);
                sim.step();
                re.set(0);
                for (int i = 0; i < c && nt * c + i < cmd.n(); i++) {
                    out[m][nt * c + i] = (int) data[i].get();
                }
            }
        }
        return out;
    }

    private static int[][] random(Random rnd, FpFormat f, int rows, int cols) {
        int[][] x = new int[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                x[i][j] = FpConvert.narrow((float) rnd.nextGaussian(), f, Saturation.SATURATING);
            }
        }
        return x;
    }
}
