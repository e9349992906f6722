package sohu.core.perf;

import java.util.ArrayList;
import java.util.List;

/**
 * A GPU from its data sheet (dense, i.e. non-sparse, tensor-core rates).
 *
 * @param name                       identifier ("h100", ...)
 * @param generation                 architecture ("Hopper", "Blackwell"): one utilization per generation
 * @param bf16Flops                  dense BF16/FP16 FLOP/s
 * @param fp8Flops                   dense FP8 FLOP/s
 * @param fp4Flops                   dense FP4 FLOP/s (the FP8 rate where the GPU has no FP4 tensor cores)
 * @param hbmBytesPerSecond          HBM bandwidth, bytes/s
 * @param hbmBytes                   HBM capacity, bytes
 * @param interconnectBytesPerSecond NVLink bandwidth per direction, bytes/s
 * @param inSwitchReduction          NVSwitch with SHARP in-network reduction
 * @param utilization                sustained fraction of peak
 * @param sources                    source of each data-sheet figure, in the order of {@link #facts()}
 */
public record GpuSpec(String name, String generation, double bf16Flops, double fp8Flops, double fp4Flops,
                      double hbmBytesPerSecond, double hbmBytes, double interconnectBytesPerSecond,
                      boolean inSwitchReduction, double utilization, List<String> sources) implements HardwareSpec {

    /**
     * Hopper's sustained fraction of peak. Calibrated, not published: the geometric middle of the
     * utilizations the four Hopper MLPerf Llama-2-70B results need in this model ({@link Mlperf}).
     */
    public static final double HOPPER_UTILIZATION = 0.51;
    /** Blackwell's sustained fraction of peak, calibrated on the one B200 MLPerf result ({@link Mlperf}). */
    public static final double BLACKWELL_UTILIZATION = 0.38;

    private static final String H100_SHEET = "NVIDIA H100 SXM data sheet, dense = half the sparse figure "
            + "(glennklockwood.com/garden/processors/h100)";
    private static final String H100_HBM = "NVIDIA H100 SXM data sheet: 80 GB HBM3, 3.35 TB/s";
    private static final String NVLINK4 = "NVLink 4: 18 links x 50 GB/s = 900 GB/s both directions (NVIDIA "
            + "third-generation NVSwitch blog)";
    private static final String SHARP3 = "NVSwitch gen 3 SHARP in-network reduction (same NVIDIA blog)";
    private static final String NO_FP4 = "Hopper has no FP4 tensor cores: FP4 runs at the FP8 rate";
    private static final String B200_SHEET = "HGX B200 1000 W (glennklockwood.com/garden/processors/B200)";

    /** H100 SXM: 989 TFLOP/s BF16, 1979 FP8, 80 GB HBM3 at 3.35 TB/s. */
    public static final GpuSpec H100_SXM = new GpuSpec("h100", "Hopper", 989e12, 1979e12, 1979e12, 3.35e12, 80e9,
            450e9, true, HOPPER_UTILIZATION, List.of(H100_SHEET, H100_SHEET, NO_FP4, H100_HBM, H100_HBM,
                    NVLINK4, SHARP3));
    /** H200: H100 compute, 141 GB HBM3E at 4.8 TB/s. */
    public static final GpuSpec H200 = new GpuSpec("h200", "Hopper", 989e12, 1979e12, 1979e12, 4.8e12, 141e9,
            450e9, true, HOPPER_UTILIZATION, List.of(H100_SHEET + "; same GH100 die", H100_SHEET + "; same GH100 die",
                    NO_FP4, "NVIDIA H200 data sheet: 4.8 TB/s", "NVIDIA H200 data sheet: 141 GB (MLPerf system "
                            + "H200-SXM-141GB)", NVLINK4, SHARP3));
    /** B200: 2.25 PFLOP/s BF16, 4.5 FP8, 9 FP4, 180 GB HBM3E at 8 TB/s. */
    public static final GpuSpec B200 = new GpuSpec("b200", "Blackwell", 2.25e15, 4.5e15, 9e15, 8e12, 180e9, 900e9,
            true, BLACKWELL_UTILIZATION, List.of(B200_SHEET, B200_SHEET, B200_SHEET, B200_SHEET,
                    "MLPerf system name B200-SXM-180GB", "NVLink 5: 1.8 TB/s both directions (" + B200_SHEET + ")",
                    Fact.ASSUMPTION + "NVLink 5 switch keeps SHARP; not in a stored source"));

    public GpuSpec {
        if (!(bf16Flops > 0 && fp8Flops > 0 && fp4Flops > 0 && hbmBytesPerSecond > 0 && hbmBytes > 0
                && interconnectBytesPerSecond > 0)) {
            throw new IllegalArgumentException("rates and capacity must be positive: " + name);
        }
        if (sources.size() != 7) {
            throw new IllegalArgumentException("need 7 sources (bf16, fp8, fp4, bandwidth, capacity, link, "
                    + "in-switch), got " + sources.size() + ": " + name);
        }
        sources = List.copyOf(sources);
        HardwareSpec.checkUtilization(utilization);
    }

    /** FP32 runs at the TF32 tensor-core rate, half the BF16 rate on Hopper and Blackwell. */
    @Override
    public double peakFlops(NumberFormat format) {
        return switch (format) {
            case FP32 -> bf16Flops / 2;
            case BF16, FP16 -> bf16Flops;
            case FP8 -> fp8Flops;
            case FP4 -> fp4Flops;
        };
    }

    @Override
    public GpuSpec withUtilization(double u) {
        return new GpuSpec(name, generation, bf16Flops, fp8Flops, fp4Flops, hbmBytesPerSecond, hbmBytes,
                interconnectBytesPerSecond, inSwitchReduction, u, sources);
    }

    @Override
    public List<Fact> facts() {
        List<Fact> f = new ArrayList<>();
        f.add(new Fact(name, "BF16 dense", Units.si(bf16Flops, "FLOP/s"), sources.get(0)));
        f.add(new Fact(name, "FP8 dense", Units.si(fp8Flops, "FLOP/s"), sources.get(1)));
        f.add(new Fact(name, "FP4 dense", Units.si(fp4Flops, "FLOP/s"), sources.get(2)));
        f.add(new Fact(name, "HBM bandwidth", Units.si(hbmBytesPerSecond, "B/s"), sources.get(3)));
        f.add(new Fact(name, "HBM capacity", Units.si(hbmBytes, "B"), sources.get(4)));
        f.add(new Fact(name, "link per direction", Units.si(interconnectBytesPerSecond, "B/s"), sources.get(5)));
        f.add(new Fact(name, "in-switch reduction", inSwitchReduction ? "yes" : "no", sources.get(6)));
        f.add(new Fact(name, "utilization", Units.percent(utilization), Fact.ASSUMPTION + generation
                + " value calibrated on MLPerf Llama-2-70B (./sohu perf --mlperf), one per generation"));
        return f;
    }
}
