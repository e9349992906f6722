package sohu.core.perf;

import java.util.List;

/**
 * One accelerator chip as the performance model sees it: peak dense FLOP/s per number format, HBM
 * bandwidth and capacity, chip-to-chip bandwidth, whether the switch can reduce in the network, and
 * the fraction of peak it sustains. {@link #facts()} lists every constant with its source.
 */
public sealed interface HardwareSpec permits GpuSpec, SohuChip {

    /**
     * Fraction of link bandwidth a collective sustains. ASSUMPTION: no measurement of our own; NCCL
     * reaches most of the link on large messages (nccl-tests PERFORMANCE.md), less on small ones.
     */
    double LINK_EFFICIENCY = 0.8;
    /** Latency of one synchronized step of a collective. ASSUMPTION: order of NCCL's small-message latency. */
    double LINK_STEP_SECONDS = 2e-6;
    /**
     * Fraction of HBM that holds weights, KV cache and activations; the rest is runtime, workspace and
     * fragmentation. Source: vLLM's default {@code gpu_memory_utilization = 0.9}.
     */
    double USABLE_MEMORY = 0.9;

    /** Identifier used by {@link #byName}. */
    String name();

    /** Peak dense FLOP/s of one chip for matrix multiplies in {@code format}. */
    double peakFlops(NumberFormat format);

    /** HBM bandwidth of one chip, bytes/s. */
    double hbmBytesPerSecond();

    /** HBM capacity of one chip, bytes. */
    double hbmBytes();

    /** Chip-to-chip bandwidth per direction, bytes/s. */
    double interconnectBytesPerSecond();

    /** Whether the chips' switch reduces in the network (NVLink SHARP), so an all-reduce sends each byte once. */
    boolean inSwitchReduction();

    /** Sustained fraction of peak FLOP/s, in (0, 1]. */
    double utilization();

    /** Same chip at another utilization. */
    HardwareSpec withUtilization(double utilization);

    /** Every constant of this chip with its source or the mark {@link Fact#ASSUMPTION}. */
    List<Fact> facts();

    /** Constants shared by all chips, with their sources. */
    static List<Fact> sharedFacts() {
        return List.of(
                new Fact("all", "link efficiency", Units.percent(LINK_EFFICIENCY),
                        Fact.ASSUMPTION + "not measured here; NCCL busbw approaches the link on large messages"),
                new Fact("all", "collective step latency", Units.seconds(LINK_STEP_SECONDS),
                        Fact.ASSUMPTION + "order of NCCL small-message latency; ring 2(n-1) steps, tree 2log2(n), "
                                + "in-switch 2 (NVIDIA TRT-LLM MultiShot blog)"),
                new Fact("all", "usable HBM", Units.percent(USABLE_MEMORY),
                        "vLLM default gpu_memory_utilization = 0.9"));
    }

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
