package sohu.core.perf;

import java.util.List;

/**
 * Entry point for design-space sweeps: predicted throughput of an 8-chip server of a Sohu-class
 * configuration on the announcement's workload (Llama-3-70B, 2048 prefill + 127 decode per replica),
 * at the best layout that fits ({@link ParallelMode#AUTO}).
 */
public final class SohuPredictor {
    private SohuPredictor() {
    }

    /**
     * Throughput of 8 x {@code chip} at its best layout, weights and KV in {@code format}.
     *
     * @throws IllegalArgumentException when the model fits no layout of 8 chips
     */
    public static ServerThroughput predict(SohuChip chip, NumberFormat format) {
        List<ServerOption> all = ParallelMode.AUTO.options(Announcement.MODEL, Announcement.BATCH,
                Precision.of(format), chip, Announcement.SERVER_CHIPS);
        return ServerThroughput.of(ParallelMode.best(all).orElseThrow(() -> new IllegalArgumentException(
                Announcement.MODEL.name() + " in " + format + " fits no layout of 8 x " + chip.name())));
    }

    /**
     * Throughput of a configuration given by its parameters; HBM capacity and links as in
     * {@link SohuChip#DEFAULT}. Read {@link ServerThroughput#allTokensPerSecond()} (input + output)
     * or {@link ServerThroughput#outputTokensPerSecond()}.
     */
    public static ServerThroughput predict(int rows, int cols, int arrays, double clockHz, double utilization,
                                           double hbmBytesPerSecond, NumberFormat format) {
        return predict(SohuChip.of(rows, cols, arrays, clockHz, utilization, hbmBytesPerSecond), format);
    }
}
