package sohu.cli.sweep;

import sohu.cli.sweep.PointResult.Perf;
import sohu.core.fp.FpFormat;
import sohu.core.perf.NumberFormat;
import sohu.core.perf.ServerThroughput;
import sohu.core.perf.SohuChip;
import sohu.core.perf.SohuPredictor;

/**
 * Asks the performance model ({@link SohuPredictor}) for the throughput of a Sohu-class chip built
 * from a point's array: {@link SweepSettings#arrays} arrays of R×C at the sweep's clock, with the
 * utilization measured in simulation and the HBM bandwidth of {@link SohuChip#DEFAULT}, serving
 * the model's default workload (Llama-3-70B, 8-chip server). Weights and KV cache are stored in
 * the point's format (E4M3 and E5M2 as FP8).
 */
public final class Throughput {
    private Throughput() { }

    /** The prediction for a point at {@code utilization} (0, 1]. */
    public static Perf predict(SweepPoint p, double utilization, SweepSettings s) {
        long arrays = s.arrays(p);
        if (arrays > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--macs gives " + arrays + " arrays of " + p.size() + ", too many");
        }
        double clockHz = s.clockMhz() * 1e6;
        ServerThroughput t = SohuPredictor.predict(p.rows(), p.cols(), (int) arrays, clockHz, utilization,
                SohuChip.DEFAULT.hbmBytesPerSecond(), storage(p.format()));
        double peak = 2.0 * p.pes() * arrays * clockHz / 1e12;
        return new Perf(s.clockMhz(), arrays, peak, t.allTokensPerSecond(), t.outputTokensPerSecond());
    }

    /** The performance model's storage format for an input format. */
    static NumberFormat storage(FpFormat f) {
        return switch (f) {
            case BF16 -> NumberFormat.BF16;
            case FP16 -> NumberFormat.FP16;
            case E4M3, E5M2 -> NumberFormat.FP8;
            case FP32 -> NumberFormat.FP32;
        };
    }
}
