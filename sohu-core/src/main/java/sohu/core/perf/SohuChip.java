package sohu.core.perf;

/**
 * A Sohu-class chip derived from a generated configuration: {@code arrays} systolic arrays of
 * {@code rows x cols} MACs at {@code clockHz}. Peak FLOP/s is {@code 2 * rows * cols * arrays * clockHz}
 * in whatever format the arrays were generated for, so {@link #peakFlops} ignores its argument;
 * the format still sets the bytes moved. {@code utilization} is meant to come from cycle-accurate
 * simulation.
 *
 * @param name                       identifier
 * @param rows                       rows of one systolic array
 * @param cols                       columns of one systolic array
 * @param arrays                     number of arrays on the chip
 * @param clockHz                    array clock
 * @param sramBytes                  on-chip SRAM (descriptive; the roofline does not use it)
 * @param hbmBytesPerSecond          HBM bandwidth, bytes/s
 * @param interconnectBytesPerSecond chip-to-chip bandwidth per direction, bytes/s
 * @param utilization                sustained fraction of peak
 */
public record SohuChip(String name, int rows, int cols, int arrays, double clockHz, long sramBytes,
                       double hbmBytesPerSecond, double interconnectBytesPerSecond, double utilization)
        implements HardwareSpec {

    /**
     * Placeholder configuration until the generator and simulator supply real ones: 64 arrays of
     * 256x256 at 1.2 GHz (10.07 PFLOPS), 256 MiB SRAM, 8 TB/s HBM3E (B200-class), NVLink-5-class
     * 900 GB/s per direction, 90% utilization.
     */
    public static final SohuChip DEFAULT =
            new SohuChip("sohu", 256, 256, 64, 1.2e9, 256L << 20, 8e12, 900e9, 0.9);

    public SohuChip {
        if (rows <= 0 || cols <= 0 || arrays <= 0 || !(clockHz > 0) || sramBytes < 0 || !(hbmBytesPerSecond > 0)
                || !(interconnectBytesPerSecond > 0)) {
            throw new IllegalArgumentException("invalid Sohu configuration: " + name);
        }
        HardwareSpec.checkUtilization(utilization);
    }

    /** A chip with the default SRAM and interconnect of {@link #DEFAULT}; for design-space sweeps. */
    public static SohuChip of(int rows, int cols, int arrays, double clockHz, double utilization,
                              double hbmBytesPerSecond) {
        return new SohuChip("sohu", rows, cols, arrays, clockHz, DEFAULT.sramBytes(), hbmBytesPerSecond,
                DEFAULT.interconnectBytesPerSecond(), utilization);
    }

    @Override
    public double peakFlops(NumberFormat format) {
        return 2.0 * rows * cols * arrays * clockHz;
    }

    @Override
    public SohuChip withUtilization(double u) {
        return new SohuChip(name, rows, cols, arrays, clockHz, sramBytes, hbmBytesPerSecond,
                interconnectBytesPerSecond, u);
    }
}
