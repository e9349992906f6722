package sohu.verify.array;

import java.util.ArrayList;
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
 * Utilization benchmark of the matrix engine ({@code bench/gemm.sh}): runs GEMMs with
 * {@code M ≥ 8·R} and K, N multiples of the array on Verilated engines and prints, from the
 * hardware counters, utilization {@code = M·K·N / (R·C · cycles)} and where the other cycles go.
 *
 * <p>Usage: {@code GemmBench [--sizes 4,8,16] [--format BF16] [--latency 3] [--no-check]}.
 * Results are checked bit for bit against the golden model unless {@code --no-check}.
 */
public final class GemmBench {
    private GemmBench() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        List<Integer> sizes = List.of(4, 8, 16);
        FpFormat format = FpFormat.BF16;
        int latency = ArrayConfig.DEFAULT_LATENCY;
        boolean check = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sizes" -> sizes = parseSizes(args[++i]);
                case "--format" -> format = FpFormat.valueOf(args[++i].toUpperCase(Locale.ROOT));
                case "--latency" -> latency = Integer.parseInt(args[++i]);
                case "--no-check" -> check = false;
                default -> {
                    System.err.println("usage: GemmBench [--sizes 4,8,16] [--format BF16] [--latency 3] [--no-check]");
                    System.exit(2);
                }
            }
        }
        System.out.println("Matrix engine utilization, " + format + ", FMA latency " + latency
                + "; utilization = M*K*N / (R*C * cycles), cycles from the hardware counters.");
        System.out.println("lost cycles: fill = command check + first weight load, drain = R*L + C after the last row,");
        System.out.println("wstall = next weights not loaded, astall = partial sums not written back, pad = edge padding.");
        System.out.println();
        String head = String.format(Locale.ROOT, "%-7s %5s %5s %5s %8s %8s %5s %6s %6s %6s %5s %7s %7s %6s",
                "array", "M", "K", "N", "cycles", "busy", "fill", "drain", "wstall", "astall", "pad", "util%", "model%", "check");
        System.out.println(head);
        Random rnd = new Random(1);
        for (int n : sizes) {
            ArrayConfig cfg = ArrayConfig.of(n, n, format).withLatency(latency);
            int[][] shapes = {{8 * n, 4 * n, 4 * n}, {8 * n, 8 * n, 8 * n}, {16 * n, 4 * n, 4 * n}, {16 * n, 16 * n, 16 * n}};
            long t0 = System.nanoTime();
            try (EngineDriver d = EngineDriver.open(cfg)) {
                for (int[] s : shapes) {
                    GemmCommand cmd = GemmCommand.packed(cfg, s[0], s[1], s[2], false);
                    if (cmd.check(cfg) != EngineStatus.OK) {
                        System.out.println("skipped " + s[0] + "x" + s[1] + "x" + s[2] + ": " + cmd.check(cfg));
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
                    if (check) {
                        verdict = sameAs(GemmGolden.gemm(cfg, a, w, null), d.readC(cmd)) ? "exact" : "MISMATCH";
                    }
                    EngineDriver.Counters c = o.counters();
                    double util = c.utilization(cfg, s[0], s[1], s[2]);
                    double model = EngineTiming.predict(cfg, cmd).utilization(cfg);
                    System.out.println(String.format(Locale.ROOT, "%-7s %5d %5d %5d %8d %8d %5d %6d %6d %6d %5.0f %7.2f %7.2f %6s",
                            n + "x" + n, s[0], s[1], s[2], c.cycles(), c.busy(), c.fill(), c.drain(), c.stallWeights(),
                            c.stallAcc(), c.padding(cfg), 100 * util, 100 * model, verdict));
                }
            }
            System.out.println(String.format(Locale.ROOT, "        (%dx%d: build/load and simulation %.1f s)", n, n, (System.nanoTime() - t0) / 1e9));
        }
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

    private static List<Integer> parseSizes(String s) {
        List<Integer> out = new ArrayList<>();
        for (String p : s.split(",")) {
            out.add(Integer.parseInt(p.trim()));
        }
        return out;
    }
}
