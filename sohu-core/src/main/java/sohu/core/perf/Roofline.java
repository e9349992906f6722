package sohu.core.perf;

/** The announcement's balance-point arithmetic: how much compute keeps up with a chip's HBM. */
public final class Roofline {
    private Roofline() {
    }

    /**
     * FLOP/s one chip needs so that compute takes exactly as long as streaming
     * {@code cost.memoryBytes()} from HBM: the compute needed to "keep up with" its bandwidth.
     */
    public static double balanceFlops(BatchCost cost, HardwareSpec hw) {
        return cost.totalFlops() / (cost.memoryBytes() / hw.hbmBytesPerSecond());
    }
}
