package sohu.core.perf;

/**
 * A GPU from its datasheet (dense, i.e. non-sparse, tensor-core rates).
 *
 * @param name                       identifier ("h100", ...)
 * @param bf16Flops                  dense BF16/FP16 FLOP/s
 * @param fp8Flops                   dense FP8 FLOP/s
 * @param hbmBytesPerSecond          HBM bandwidth, bytes/s
 * @param interconnectBytesPerSecond NVLink bandwidth per direction, bytes/s
 * @param utilization                sustained fraction of peak
 */
public record GpuSpec(String name, double bf16Flops, double fp8Flops, double hbmBytesPerSecond,
                      double interconnectBytesPerSecond, double utilization) implements HardwareSpec {

    // NVLink 4 is 900 GB/s bidirectional (450 per direction); NVLink 5 doubles it.
    private static final double NVLINK4 = 450e9;
    private static final double NVLINK5 = 900e9;

    /** H100 SXM: 989 TFLOPS BF16, 1979 FP8, 3.35 TB/s. */
    public static final GpuSpec H100_SXM = new GpuSpec("h100", 989e12, 1979e12, 3.35e12, NVLINK4, 1.0);
    /** H200: same compute as H100, 4.8 TB/s. */
    public static final GpuSpec H200 = new GpuSpec("h200", 989e12, 1979e12, 4.8e12, NVLINK4, 1.0);
    /** B200: 2.25 PFLOPS BF16, 4.5 FP8, 8 TB/s. */
    public static final GpuSpec B200 = new GpuSpec("b200", 2.25e15, 4.5e15, 8e12, NVLINK5, 1.0);

    public GpuSpec {
        if (!(bf16Flops > 0 && fp8Flops > 0 && hbmBytesPerSecond > 0 && interconnectBytesPerSecond > 0)) {
            throw new IllegalArgumentException("rates must be positive: " + name);
        }
        HardwareSpec.checkUtilization(utilization);
    }

    /** FP32 runs at the TF32 tensor-core rate, half the BF16 rate on Hopper and Blackwell. */
    @Override
    public double peakFlops(NumberFormat format) {
        return switch (format) {
            case FP32 -> bf16Flops / 2;
            case BF16, FP16 -> bf16Flops;
            case FP8 -> fp8Flops;
        };
    }

    @Override
    public GpuSpec withUtilization(double u) {
        return new GpuSpec(name, bf16Flops, fp8Flops, hbmBytesPerSecond, interconnectBytesPerSecond, u);
    }
}
