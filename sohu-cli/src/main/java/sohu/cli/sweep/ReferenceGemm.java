package sohu.cli.sweep;

import sohu.core.array.ArrayConfig;
import sohu.core.array.EngineStatus;
import sohu.core.array.GemmCommand;

/**
 * The GEMM every point runs in simulation, {@code C[M×N] = A[M×K]·W[K×N]} with
 * {@code M = 8·R, K = 2·R, N = 2·C}: two K tiles and two N tiles, so the schedule includes weight
 * reloads and partial-sum round trips, and M is long enough ({@code 8·R ≥ R·L + 2} for L ≤ 4) that
 * the array hides the weight loads, as in a transformer's batched matrix products. The engine's
 * scratchpads are sized to hold exactly this problem (depths rounded up to powers of two).
 *
 * @param m rows of A and C
 * @param k columns of A, rows of W
 * @param n columns of W and C
 */
public record ReferenceGemm(int m, int k, int n) {
    /** The reference problem for a point. */
    public static ReferenceGemm of(SweepPoint p) {
        return new ReferenceGemm(8 * p.rows(), 2 * p.rows(), 2 * p.cols());
    }

    /** The engine configuration generated for a point: its array, format, latency and depths. */
    public static ArrayConfig config(SweepPoint p) {
        ReferenceGemm g = of(p);
        int kTiles = ceilDiv(g.k, p.rows());
        int nTiles = ceilDiv(g.n, p.cols());
        ArrayConfig cfg = new ArrayConfig(p.rows(), p.cols(), p.format(), p.latency(),
                depth(g.m * kTiles), depth(g.k * nTiles), depth(g.m * nTiles));
        EngineStatus s = g.command(cfg).check(cfg);
        if (s != EngineStatus.OK) {
            throw new IllegalStateException("reference GEMM does not fit the engine of " + p.key() + ": " + s);
        }
        return cfg;
    }

    /** The densely packed command for this problem. */
    public GemmCommand command(ArrayConfig cfg) {
        return GemmCommand.packed(cfg, m, k, n, false);
    }

    /** Multiply-accumulates of the problem, {@code M·K·N}. */
    public long macs() {
        return (long) m * k * n;
    }

    /** {@code M·K·N / (R·C·cycles)}. */
    public double utilization(SweepPoint p, long cycles) {
        return (double) macs() / ((double) p.pes() * cycles);
    }

    private static int depth(int words) {
        int d = Integer.highestOneBit(Math.max(2, words));
        return d < words ? d << 1 : d;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
