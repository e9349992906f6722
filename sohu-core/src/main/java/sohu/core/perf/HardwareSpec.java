package sohu.core.perf;

import java.util.List;

/**
 * One accelerator chip as the roofline model sees it: peak dense FLOP/s per number format, HBM
 * bandwidth, interconnect bandwidth for tensor-parallel all-reduce, and the fraction of peak it is
 * assumed to sustain.
 */
public sealed interface HardwareSpec permits GpuSpec, SohuChip {

    /** Identifier used by {@link #byName}. */
    String name();

    /** Peak dense FLOP/s of one chip for matrix multiplies in {@code format}. */
    double peakFlops(NumberFormat format);

    /** HBM bandwidth of one chip, bytes/s. */
    double hbmBytesPerSecond();

    /** Chip-to-chip bandwidth per direction used by a ring all-reduce, bytes/s. */
    double interconnectBytesPerSecond();

    /** Sustained fraction of peak FLOP/s, in (0, 1]. */
    double utilization();

    /** Same chip at another utilization. */
    HardwareSpec withUtilization(double utilization);

    /** H100 SXM, H200, B200 and the default Sohu-class chip. */
    static List<HardwareSpec> presets() {
        return List.of(GpuSpec.H100_SXM, GpuSpec.H200, GpuSpec.B200, SohuChip.DEFAULT);
    }

    /**
     * Looks a preset up by name, ignoring case and punctuation.
     *
     * @throws IllegalArgumentException listing the valid names
     */
    static HardwareSpec byName(String name) {
        for (HardwareSpec h : presets()) {
            if (Names.key(h.name()).equals(Names.key(name))) {
                return h;
            }
        }
        throw new IllegalArgumentException("unknown hardware '" + name + "'; valid: "
                + String.join(", ", presets().stream().map(HardwareSpec::name).toList()));
    }

    /** Rejects utilizations outside (0, 1]. */
    static double checkUtilization(double u) {
        if (!(u > 0 && u <= 1)) {
            throw new IllegalArgumentException("utilization must be in (0, 1]: " + u);
        }
        return u;
    }
}
