package sohu.core.perf;

/**
 * Roofline step model on {@code chips} tensor-parallel chips: weights, KV cache and FLOPs are
 * split evenly across chips; activations are ring-all-reduced twice per layer.
 */
public final class Roofline {
    private Roofline() {
    }

    /** Step time of {@code cost} on {@code chips} copies of {@code hw} at {@code hw.utilization()}. */
    public static StepTime step(BatchCost cost, HardwareSpec hw, NumberFormat format, int chips) {
        if (chips < 1) {
            throw new IllegalArgumentException("chips must be >= 1: " + chips);
        }
        double compute = cost.totalFlops() / (chips * hw.peakFlops(format) * hw.utilization());
        double memory = cost.memoryBytes() / (chips * hw.hbmBytesPerSecond());
        return new StepTime(compute, memory, commSeconds(cost, hw, chips));
    }

    /**
     * All-reduce time: a ring all-reduce makes each chip send (and receive) 2(n-1)/n of the buffer.
     */
    public static double commSeconds(BatchCost cost, HardwareSpec hw, int chips) {
        double perChip = 2.0 * (chips - 1) / chips * cost.allReduceBytes();
        return cost.allReducesPerStep() * perChip / hw.interconnectBytesPerSecond();
    }

    /**
     * FLOP/s one chip needs so that compute takes exactly as long as streaming
     * {@code cost.memoryBytes()} from HBM: the compute needed to "keep up with" its bandwidth.
     */
    public static double balanceFlops(BatchCost cost, HardwareSpec hw) {
        return cost.totalFlops() / (cost.memoryBytes() / hw.hbmBytesPerSecond());
    }
}
