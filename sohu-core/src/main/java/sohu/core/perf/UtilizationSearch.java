package sohu.core.perf;

import java.util.function.ToDoubleFunction;

/** The utilization at which a prediction reaches a target, by bisection (throughput never falls as utilization rises). */
public final class UtilizationSearch {
    private UtilizationSearch() {
    }

    /**
     * Smallest utilization in (0, 1] at which {@code tokensPerSecond} of {@code hw} reaches {@code target}
     * (to 1e-6); NaN when even 100% does not.
     */
    public static double needed(HardwareSpec hw, double target, ToDoubleFunction<HardwareSpec> tokensPerSecond) {
        if (tokensPerSecond.applyAsDouble(hw.withUtilization(1.0)) < target) {
            return Double.NaN;
        }
        double lo = 0;
        double hi = 1.0;
        while (hi - lo > 1e-6) {
            double mid = (lo + hi) / 2;
            if (tokensPerSecond.applyAsDouble(hw.withUtilization(mid)) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }
}
