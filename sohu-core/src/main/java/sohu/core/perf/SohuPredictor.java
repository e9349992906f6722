package sohu.core.perf;

/**
 * Entry point for design-space sweeps: predicted server throughput of a Sohu-class configuration
 * on the default workload ({@link PerfQuery#defaults()}: Llama-3-70B, 2048 prefill + 127 decode,
 * 8-chip tensor-parallel server).
 */
public final class SohuPredictor {
    private SohuPredictor() {
    }

    /** Throughput of 8 x {@code chip} on the default workload, weights and KV in {@code format}. */
    public static ServerThroughput predict(SohuChip chip, NumberFormat format) {
        PerfQuery q = PerfQuery.defaults();
        return ServerThroughput.predict(q.model(), q.batch(), format, chip, q.chips());
    }

    /**
     * Throughput of a configuration given by its parameters; SRAM and interconnect as in
     * {@link SohuChip#DEFAULT}. Read {@link ServerThroughput#allTokensPerSecond()} (input + output)
     * or {@link ServerThroughput#outputTokensPerSecond()}.
     */
    public static ServerThroughput predict(int rows, int cols, int arrays, double clockHz, double utilization,
                                           double hbmBytesPerSecond, NumberFormat format) {
        return predict(SohuChip.of(rows, cols, arrays, clockHz, utilization, hbmBytesPerSecond), format);
    }
}
