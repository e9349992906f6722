package sohu.verify.array;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import sohu.core.array.ArrayConfig;
import sohu.core.array.EngineStatus;
import sohu.core.array.EngineTiming;
import sohu.core.array.GemmCommand;
import sohu.core.array.GemmGolden;
import sohu.core.fp.FpFormat;

/**
 * Utilization benchmark of the matrix engine ({@code ./sohu bench gemm}, {@code bench/gemm.sh}):
 * runs GEMMs with {@code M ≥ 8·R} and K, N multiples of the array on Verilated engines and prints,
 * from the hardware counters, utilization {@code = M·K·N / (R·C · cycles)} and where the other
 * cycles go. Results are checked bit for bit against the golden model (unless {@code check} is
 * off) and the counters against the cycle model {@link EngineTiming}; any difference counts as a
 * mismatch.
 */
public final class GemmBench {
    private GemmBench() {
    }

    /**
     * Runs the benchmark on square arrays of {@code sizes}; returns the number of GEMMs whose result
     * or counters did not match.
     */
    public static int run(PrintWriter out, List<Integer> sizes, FpFormat format, int latency, boolean check) {
        out.println("Matrix engine utilization, " + format + ", FMA latency " + latency
                + "; utilization = M*K*N / (R*C * cycles), cycles from the hardware counters.");
        out.println("lost cycles: fill = command check + first weight load, drain = R*L + C after the last row,");
        out.println("wstall = next weights not loaded, astall = partial sums not written back, pad = edge padding.");
        out.println();
        String head = String.format(Locale.ROOT, "%-7s %5s %5s %5s %8s %8s %5s %6s %6s %6s %5s %7s %7s %6s",
                "array", "M", "K", "N", "cycles", "busy", "fill", "drain", "wstall", "astall", "pad", "util%", "model%", "check");
        out.println(head);
        out.flush();
        Random rnd = new Random(1);
        int mismatches = 0;
        for (int n : sizes) {
            ArrayConfig cfg = ArrayConfig.of(n, n, format).withLatency(latency);
            int[][] shapes = {{8 * n, 4 * n, 4 * n}, {8 * n, 8 * n, 8 * n}, {16 * n, 4 * n, 4 * n}, {16 * n, 16 * n, 16 * n}};
            long t0 = System.nanoTime();
            try (EngineDriver d = EngineDriver.open(cfg)) {
                for (int[] s : shapes) {
                    GemmCommand cmd = GemmCommand.packed(cfg, s[0], s[1], s[2], false);
                    if (cmd.check(cfg) != EngineStatus.OK) {
                        out.println("skipped " + s[0] + "x" + s[1] + "x" + s[2] + ": " + cmd.check(cfg));
                        continue;
                    }
                    int[][] a = EngineDriver.randomMatrix(rnd, format, s[0], s[1], 1.0, 0);
                    int[][] w = EngineDriver.randomMatrix(rnd, format, s[1], s[2], 1.0, 0);
                    String verdict = "-";
                    if (check) {
                        d.loadA(cmd, a);
                        d.loadW(cmd, w);
                    }
                    EngineDriver.Outcome o = d.run(cmd, 100_000_000L);
                    EngineDriver.Counters c = o.counters();
                    EngineTiming.Counters model = EngineTiming.predict(cfg, cmd);
                    boolean countersMatch = o.status() == EngineStatus.OK && model.equals(new EngineTiming.Counters(c.cycles(),
                            c.busy(), c.macs(), c.fill(), c.drain(), c.stallWeights(), c.stallAcc()));
                    if (check) {
                        verdict = sameAs(GemmGolden.gemm(cfg, a, w, null), d.readC(cmd)) ? "exact" : "MISMATCH";
                    }
                    if (!countersMatch) {
                        verdict = verdict.equals("MISMATCH") ? verdict : "COUNTERS";
                    }
                    if (verdict.equals("MISMATCH") || verdict.equals("COUNTERS")) {
                        mismatches++;
                    }
                    double util = c.utilization(cfg, s[0], s[1], s[2]);
                    out.println(String.format(Locale.ROOT, "%-7s %5d %5d %5d %8d %8d %5d %6d %6d %6d %5.0f %7.2f %7.2f %6s",
                            n + "x" + n, s[0], s[1], s[2], c.cycles(), c.busy(), c.fill(), c.drain(), c.stallWeights(),
                            c.stallAcc(), c.padding(cfg), 100 * util, 100 * model.utilization(cfg), verdict));
                    out.flush();
                }
            }
            out.println(String.format(Locale.ROOT, "        (%dx%d: build/load and simulation %.1f s)", n, n, (System.nanoTime() - t0) / 1e9));
        }
        if (mismatches > 0) {
            out.println(mismatches + " GEMM(s) did not match (MISMATCH: result vs golden model; COUNTERS: counters vs EngineTiming)");
        }
        out.flush();
        return mismatches;
    }

    private static boolean sameAs(int[][] want, int[][] got) {
        for (int i = 0; i < want.length; i++) {
            for (int j = 0; j < want[i].length; j++) {
                if (want[i][j] != got[i][j]) {
                    return false;
                }
            }
        }
        return true;
    }
}
