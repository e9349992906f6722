package sohu.verify.array;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import sohu.core.array.ArrayConfig;
import sohu.core.array.EngineStatus;
import sohu.core.array.EngineTiming;
import sohu.core.array.GemmCommand;
import sohu.core.array.GemmGolden;
import sohu.core.fp.FpFormat;

/**
 * The matrix engine's checks through an {@link EngineDriver}, shared by {@code sohu regress} and
 * the project's tests: random GEMMs against {@link GemmGolden} bit for bit with the counters equal
 * to the cycle model {@link EngineTiming}; bad commands; host accesses while busy; the
 * utilization of a large GEMM from the counters.
 */
public final class GemmChecks {
    /** Utilization the large GEMM of {@link #utilization} must reach. */
    public static final double MIN_UTILIZATION = 0.90;

    private GemmChecks() {
    }

    /** A GEMM to run: sizes, and how to place it. */
    public record Case(int m, int k, int n, boolean accumulate, int baseA, int baseW, int baseC, int extraStride, double special) {
        GemmCommand command(ArrayConfig cfg) {
            GemmCommand p = GemmCommand.packed(cfg, m, k, n, accumulate);
            return p.withStrides(p.aStride() + extraStride, p.wStride() + extraStride, p.cStride() + extraStride)
                    .withBases(baseA, baseW, baseC);
        }

        @Override
        public String toString() {
            return m + "x" + k + "x" + n + (accumulate ? " accumulate" : "");
        }
    }

    /**
     * GEMMs for an R×C array: smaller than it, odd and even, multiples and not, accumulating,
     * offset; {@code more} adds an accumulator-hazard case and larger ones.
     */
    public static List<Case> cases(int r, int c, boolean more, boolean most) {
        List<Case> cs = new ArrayList<>();
        cs.add(new Case(1, 1, 1, false, 0, 0, 0, 0, 0));
        cs.add(new Case(3, r - 1, c - 1, false, 0, 0, 0, 0, 0));                // everything smaller than the array
        cs.add(new Case(2 * r + 1, 2 * r + 3, c + 3, false, 0, 0, 0, 0, 0.02));   // odd, with special values
        cs.add(new Case(4 * r, 2 * r, 2 * c, true, 5, 3, 7, 1, 0));             // even multiples, + existing C, offsets
        if (more) {
            cs.add(new Case(2, 3 * r, c + 1, false, 0, 0, 0, 0, 0));            // M far below R·L: accumulator hazard
            cs.add(new Case(r * 3 + 2, r + 1, 3 * c - 1, true, 1, 0, 2, 2, 0.05));
        }
        if (most) {
            cs.add(new Case(8 * r, 4 * r, 4 * c, false, 0, 0, 0, 0, 0));
            cs.add(new Case(17, 5 * r - 1, 2 * c + 1, true, 0, 0, 0, 0, 0.1));
        }
        return cs;
    }

    /**
     * A GEMM of random shape up to 6R x 6R x 6C (M, K and N from 1), accumulating or not, with 5%
     * special values, placed at random offsets and strides within the scratchpads.
     */
    public static Case randomCase(ArrayConfig cfg, Random rnd) {
        for (int tries = 0; tries < 10_000; tries++) {
            int m = 1 + rnd.nextInt(6 * cfg.rows());
            int k = 1 + rnd.nextInt(6 * cfg.rows());
            int n = 1 + rnd.nextInt(6 * cfg.cols());
            Case c = new Case(m, k, n, rnd.nextBoolean(), rnd.nextInt(8), rnd.nextInt(8), rnd.nextInt(8), rnd.nextInt(3), 0.05);
            if (c.command(cfg).check(cfg) == EngineStatus.OK) {
                return c;
            }
        }
        return new Case(1, 1, 1, false, 0, 0, 0, 0, 0); // scratchpads too small for anything else
    }

    /**
     * Runs one case with random operands and checks C bit for bit, the untouched padding lanes
     * and the counters against the cycle model; returns the elements of C compared.
     */
    public static long runAndCheck(EngineDriver d, Case cs, Random rnd) {
        ArrayConfig cfg = d.cfg;
        GemmCommand cmd = cs.command(cfg);
        if (cmd.check(cfg) != EngineStatus.OK) {
            throw new IllegalArgumentException("GEMM " + cs + " does not fit " + cfg.tag() + ": " + cmd.check(cfg));
        }
        int[][] a = EngineDriver.randomMatrix(rnd, cfg.format(), cs.m(), cs.k(), 1.0, cs.special());
        int[][] w = EngineDriver.randomMatrix(rnd, cfg.format(), cs.k(), cs.n(), 1.0, cs.special());
        int[][] c0 = cs.accumulate() ? EngineDriver.randomMatrix(rnd, FpFormat.FP32, cs.m(), cs.n(), 4.0, cs.special()) : null;
        d.loadA(cmd, a);
        d.loadW(cmd, w);
        int sentinel = 0x7F80_0001; // a signalling NaN pattern the engine never produces
        if (c0 != null) {
            d.loadC(cmd, c0);
        } else {
            d.fillC(cmd, sentinel);
        }
        EngineDriver.Outcome o = d.run(cmd, 2_000_000);
        expectStatus(d, cmd, EngineStatus.OK, o.status());
        int[][] want = GemmGolden.gemm(cfg, a, w, c0);
        compare(d, cmd, want, d.readC(cmd), a, w, c0);
        if (c0 == null) {
            d.expectUntouchedPadding(cmd, sentinel);
        }
        expectModelCounters(d, cmd, o.counters());
        return (long) cs.m() * cs.n();
    }

    /**
     * Bad commands (zero sizes, short strides, regions past each scratchpad's end, huge fields)
     * must end after the two check cycles with the status {@link GemmCommand#check} gives, and the
     * engine must then still run a valid command placed at the very end of the scratchpads.
     * Returns the commands checked.
     */
    public static long badCommands(EngineDriver d, Random rnd) {
        ArrayConfig cfg = d.cfg;
        int r = cfg.rows();
        int c = cfg.cols();
        Case fit = new Case(2 * r + 1, r + 1, c + 1, false, 0, 0, 0, 0, 0);
        GemmCommand ok = fit.command(cfg);
        int aWords = ok.m() * ok.aStride();
        int wWords = ok.k() * ok.wStride();
        int cWords = ok.m() * ok.cStride();
        List<GemmCommand> bad = List.of(
                GemmCommand.packed(cfg, 0, ok.k(), ok.n(), false),
                GemmCommand.packed(cfg, ok.m(), 0, ok.n(), false),
                GemmCommand.packed(cfg, ok.m(), ok.k(), 0, false),
                ok.withStrides(ok.aStride() - 1, ok.wStride(), ok.cStride()),
                ok.withStrides(ok.aStride(), ok.wStride() - 1, ok.cStride()),
                ok.withStrides(ok.aStride(), ok.wStride(), ok.cStride() - 1),
                ok.withBases(cfg.aDepth() - aWords + 1, 0, 0),
                ok.withBases(0, cfg.wDepth() - wWords + 1, 0),
                ok.withBases(0, 0, cfg.cDepth() - cWords + 1),
                new GemmCommand(65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535, true),
                new GemmCommand(40000, 1, 1, 0, 1, 0, 1, 0, 1, false));
        long n = 0;
        for (GemmCommand cmd : bad) {
            EngineStatus want = cmd.check(cfg);
            if (want == EngineStatus.OK) {
                continue; // fits this configuration's (large) scratchpads after all
            }
            EngineDriver.Outcome o = d.run(cmd, 100);
            expectStatus(d, cmd, want, o.status());
            if (o.counters().cycles() != EngineTiming.CHECK_CYCLES || o.counters().busy() != 0) {
                throw d.mismatch("perf_cycles/perf_busy", EngineTiming.CHECK_CYCLES + "/0",
                        o.counters().cycles() + "/" + o.counters().busy(), cmd.toString());
            }
            n++;
        }
        Case atEnd = new Case(fit.m(), fit.k(), fit.n(), false, cfg.aDepth() - aWords, cfg.wDepth() - wWords,
                cfg.cDepth() - cWords, 0, 0);
        return n + runAndCheck(d, atEnd, rnd);
    }

    /**
     * Host writes to A and W and a second start while a command runs are ignored: the result is
     * that of the operands loaded before the start. Returns the elements of C compared.
     */
    public static long busyIgnored(EngineDriver d, Random rnd) {
        ArrayConfig cfg = d.cfg;
        int m = 4 * cfg.rows() + 4;
        int k = cfg.rows() + 2;
        int n = cfg.cols() + 2;
        GemmCommand cmd = GemmCommand.packed(cfg, m, k, n, false);
        int[][] a = EngineDriver.randomMatrix(rnd, cfg.format(), m, k, 1.0, 0);
        int[][] w = EngineDriver.randomMatrix(rnd, cfg.format(), k, n, 1.0, 0);
        d.loadA(cmd, a);
        d.loadW(cmd, w);
        d.startOnly(cmd);
        // Scribble over A and W and try to restart with another command while the engine runs.
        d.loadA(cmd, new int[m][k]);
        d.loadW(cmd, new int[k][n]);
        d.startOnly(GemmCommand.packed(cfg, 1, 1, 1, false));
        EngineDriver.Outcome o = d.finish(cmd, 1_000_000);
        expectStatus(d, cmd, EngineStatus.OK, o.status());
        compare(d, cmd, GemmGolden.gemm(cfg, a, w, null), d.readC(cmd), a, w, null);
        return (long) m * n;
    }

    /** The utilization of {@link #utilization}'s GEMM: measured from the counters and predicted. */
    public record Utilization(GemmCommand command, long cycles, double measured, double predicted) { }

    /**
     * A large GEMM (M = 8R, K = 4R, N = 4C, or half of K and N when that does not fit the
     * scratchpads): C bit for bit, counters equal to the cycle model, and utilization
     * {@code M·K·N / (R·C · perf_cycles)} at least {@value #MIN_UTILIZATION}.
     */
    public static Utilization utilization(EngineDriver d, Random rnd) {
        ArrayConfig cfg = d.cfg;
        int r = cfg.rows();
        int c = cfg.cols();
        Case big = new Case(8 * r, 4 * r, 4 * c, false, 0, 0, 0, 0, 0);
        if (big.command(cfg).check(cfg) != EngineStatus.OK) {
            big = new Case(8 * r, 2 * r, 2 * c, false, 0, 0, 0, 0, 0);
        }
        runAndCheck(d, big, rnd);
        GemmCommand cmd = big.command(cfg);
        EngineDriver.Counters hw = d.counters();
        double measured = hw.utilization(cfg, big.m(), big.k(), big.n());
        double predicted = EngineTiming.predict(cfg, cmd).utilization(cfg);
        if (measured < MIN_UTILIZATION) {
            throw d.mismatch("perf_cycles", "utilization >= " + MIN_UTILIZATION, String.format("%.4f (%d cycles)", measured,
                    hw.cycles()), cmd.toString());
        }
        return new Utilization(cmd, hw.cycles(), measured, predicted);
    }

    private static void expectStatus(EngineDriver d, GemmCommand cmd, EngineStatus want, EngineStatus got) {
        if (want != got) {
            throw d.mismatch("status_error", want.toString(), got.toString(), cmd.toString());
        }
    }

    private static void expectModelCounters(EngineDriver d, GemmCommand cmd, EngineDriver.Counters hw) {
        EngineTiming.Counters model = EngineTiming.predict(d.cfg, cmd);
        EngineTiming.Counters got = new EngineTiming.Counters(hw.cycles(), hw.busy(), hw.macs(), hw.fill(), hw.drain(),
                hw.stallWeights(), hw.stallAcc());
        if (!model.equals(got)) {
            throw d.mismatch("perf_*", model.toString(), got.toString(), cmd + " (cycle model EngineTiming)");
        }
    }

    private static void compare(EngineDriver d, GemmCommand cmd, int[][] want, int[][] got, int[][] a, int[][] w, int[][] c0) {
        for (int i = 0; i < want.length; i++) {
            for (int j = 0; j < want[i].length; j++) {
                if (want[i][j] != got[i][j]) {
                    StringJoiner col = new StringJoiner(",", "[", "]");
                    for (int[] row : w) {
                        col.add(Integer.toHexString(row[j]));
                    }
                    StringJoiner rowA = new StringJoiner(",", "[", "]");
                    for (int x : a[i]) {
                        rowA.add(Integer.toHexString(x));
                    }
                    String inputs = cmd + ": C[" + i + "][" + j + "] from A row " + i + " = " + rowA + ", W column " + j
                            + " = " + col + (c0 == null ? "" : ", C0 = " + Integer.toHexString(c0[i][j]));
                    throw d.mismatch("host_rdata_" + (j % d.cfg.cols()) + " (C[" + i + "][" + j + "])",
                            String.format("0x%08X", want[i][j]), String.format("0x%08X", got[i][j]), inputs);
                }
            }
        }
    }
}
