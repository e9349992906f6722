package sohu.cli.sweep;

import java.util.Arrays;
import java.util.Random;
import sohu.cli.sweep.PointResult.Gemm;
import sohu.core.array.ArrayConfig;
import sohu.core.array.EngineStatus;
import sohu.core.array.GemmCommand;
import sohu.core.array.GemmGolden;
import sohu.hdl.emit.Emitted;
import sohu.verify.Mismatch;
import sohu.verify.WaveWindow;
import sohu.verify.array.EngineDriver;
import sohu.verilator.CircuitSim;
import sohu.verilator.Sim;
import sohu.verilator.SimOptions;

/**
 * Runs the reference GEMM on a Verilated matrix engine through its host port
 * ({@link EngineDriver}): loads random A and W (normally distributed values rounded into the
 * format, seeded by the point so reruns repeat), runs the command, reads the cycle counter and C,
 * and compares C with {@link GemmGolden} bit for bit.
 */
public final class GemmRun {
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
        int[][] a = EngineDriver.randomMatrix(rnd, cfg.format(), g.m(), g.k(), 1.0, 0);
        int[][] w = EngineDriver.randomMatrix(rnd, cfg.format(), g.k(), g.n(), 1.0, 0);
        EngineDriver d = new EngineDriver(cfg, sim, WaveWindow.NONE);
        d.loadA(cmd, a);
        d.loadW(cmd, w);
        EngineDriver.Outcome o;
        try {
            o = d.run(cmd, 1000L * (cmd.m() + cfg.rows() + cfg.cols()) * cmd.kTiles(cfg) * cmd.nTiles(cfg));
        } catch (Mismatch m) {
            throw new IllegalStateException("the engine did not finish the reference GEMM: " + m.port() + " expected "
                    + m.expected() + ", actual " + m.actual());
        }
        if (o.status() != EngineStatus.OK) {
            throw new IllegalStateException("the engine rejected the reference GEMM: " + o.status());
        }
        long cycles = o.counters().cycles();
        boolean exact = Arrays.deepEquals(GemmGolden.gemm(cfg, a, w, null), d.readC(cmd));
        return new Gemm(g.m(), g.k(), g.n(), cycles, g.utilization(p, cycles), exact);
    }
}
