package sohu.core.perf;

import java.util.List;
import sohu.core.array.ArrayConfig;
import sohu.core.array.EngineTiming;
import sohu.core.array.GemmCommand;
import sohu.core.fp.FpFormat;

/**
 * A Sohu-class chip built from a generated matrix-engine configuration: {@code arrays} engines of
 * {@link ArrayConfig} at {@code clockHz}. Peak FLOP/s is {@code 2 x rows x cols x arrays x clockHz};
 * our {@code ArrayPe} does one FMA per cycle in any format (it does not pack two FP8 products into a
 * BF16-sized tile), so {@link #packsTwoFp8()} is false and FP8 runs at the BF16 rate. A tile that packs
 * two would set it and double the FP8 peak.
 *
 * @param name                       identifier
 * @param array                      the generated engine configuration (size and format)
 * @param arrays                     engines per chip
 * @param clockHz                    array clock
 * @param packsTwoFp8                FP8 at twice the BF16 rate
 * @param hbmBytesPerSecond          HBM bandwidth, bytes/s
 * @param hbmBytes                   HBM capacity, bytes
 * @param interconnectBytesPerSecond chip-to-chip bandwidth per direction, bytes/s
 * @param utilization                sustained fraction of peak
 */
public record SohuChip(String name, ArrayConfig array, int arrays, double clockHz, boolean packsTwoFp8,
                       double hbmBytesPerSecond, double hbmBytes, double interconnectBytesPerSecond,
                       double utilization) implements HardwareSpec {

    /** The default engine: the generator's largest array, 256 x 256 E4M3 (FP8), FP32 sums. */
    public static final ArrayConfig DEFAULT_ARRAY = ArrayConfig.of(256, 256, FpFormat.E4M3);
    /** GEMM whose cycle-model utilization stands for the chip's: the largest that fits the default scratchpads. */
    public static final int[] REFERENCE_GEMM = {2048, 512, 512};
    /** Announced: 144 GB HBM3E per chip (Etched, "Etched is making the biggest bet in AI", June 2024). */
    public static final double ANNOUNCED_HBM_BYTES = 144e9;
    /** Announced: 8 chips per server (same announcement). */
    public static final int ANNOUNCED_CHIPS_PER_SERVER = 8;

    /**
     * Default chip: 64 default arrays at 1.2 GHz (both ASSUMPTIONS), 144 GB (announced), 6 TB/s and
     * 450 GB/s links (ASSUMPTIONS), utilization from the engine's cycle model on {@link #REFERENCE_GEMM}.
     */
    public static final SohuChip DEFAULT = new SohuChip("sohu", DEFAULT_ARRAY, 64, 1.2e9, false, 6e12,
            ANNOUNCED_HBM_BYTES, 450e9, cycleModelUtilization(DEFAULT_ARRAY));

    public SohuChip {
        if (array == null || arrays <= 0 || !(clockHz > 0) || !(hbmBytesPerSecond > 0) || !(hbmBytes > 0)
                || !(interconnectBytesPerSecond > 0)) {
            throw new IllegalArgumentException("invalid Sohu configuration: " + name);
        }
        HardwareSpec.checkUtilization(utilization);
    }

    /** A chip of {@code arrays} E4M3 arrays of {@code rows x cols}, other constants as {@link #DEFAULT}; for sweeps. */
    public static SohuChip of(int rows, int cols, int arrays, double clockHz, double utilization,
                              double hbmBytesPerSecond) {
        return new SohuChip("sohu", ArrayConfig.of(rows, cols, FpFormat.E4M3), arrays, clockHz, false,
                hbmBytesPerSecond, DEFAULT.hbmBytes(), DEFAULT.interconnectBytesPerSecond(), utilization);
    }

    /** Utilization the engine's cycle model ({@link EngineTiming}) predicts for {@link #REFERENCE_GEMM}. */
    public static double cycleModelUtilization(ArrayConfig cfg) {
        GemmCommand cmd = GemmCommand.packed(cfg, REFERENCE_GEMM[0], REFERENCE_GEMM[1], REFERENCE_GEMM[2], false);
        return EngineTiming.predict(cfg, cmd).utilization(cfg);
    }

    /** Whether the utilization is {@link #cycleModelUtilization} of the array (else the caller chose it). */
    private boolean fromEngineTiming() {
        try {
            return utilization == cycleModelUtilization(array);
        } catch (IllegalArgumentException e) {
            return false; // the reference GEMM does not fit this array's scratchpads
        }
    }

    /** Rows of one array. */
    public int rows() {
        return array.rows();
    }

    /** Columns of one array. */
    public int cols() {
        return array.cols();
    }

    @Override
    public double peakFlops(NumberFormat format) {
        double base = 2.0 * rows() * cols() * arrays * clockHz;
        return packsTwoFp8 && (format == NumberFormat.FP8 || format == NumberFormat.FP4) ? 2 * base : base;
    }

    @Override
    public boolean inSwitchReduction() {
        return false;
    }

    @Override
    public SohuChip withUtilization(double u) {
        return new SohuChip(name, array, arrays, clockHz, packsTwoFp8, hbmBytesPerSecond, hbmBytes,
                interconnectBytesPerSecond, u);
    }

    @Override
    public List<Fact> facts() {
        String a = Fact.ASSUMPTION;
        return List.of(
                new Fact(name, "array", rows() + " x " + cols() + " " + array.format() + ", FP32 sums, latency "
                        + array.latency(), "generated configuration (ArrayConfig); 256 is the generator's maximum"),
                new Fact(name, "arrays per chip", Integer.toString(arrays), a + "unpublished; with the clock, "
                        + "chosen near the ~9.7 PFLOP/s the 500k claim implies, so the claim checks this, not the model"),
                new Fact(name, "clock", Units.si(clockHz, "Hz"), a + "unpublished"),
                new Fact(name, "FP8 rate", packsTwoFp8 ? "2 x BF16" : "= BF16",
                        "ArrayPe: one FMA per cycle in its format, no two-wide FP8 packing"),
                new Fact(name, "peak", Units.si(peakFlops(NumberFormat.FP8), "FLOP/s"),
                        "2 x rows x cols x arrays x clock"),
                new Fact(name, "utilization", Units.percent(utilization), fromEngineTiming()
                        ? "cycle model (EngineTiming) of one " + REFERENCE_GEMM[0] + "x" + REFERENCE_GEMM[1] + "x"
                        + REFERENCE_GEMM[2] + " GEMM; no HBM stalls, attention or vector work"
                        : "set by the caller (./sohu perf --sohu-array: the step cycle model of the queried step)"),
                new Fact(name, "HBM capacity", Units.si(hbmBytes, "B"), hbmBytes == ANNOUNCED_HBM_BYTES
                        ? "Etched announcement (June 2024): 144 GB HBM3E per chip" : a + "set by the caller"),
                new Fact(name, "HBM bandwidth", Units.si(hbmBytesPerSecond, "B/s"), a + "6 HBM3E stacks of 24 GB at "
                        + "B200's 1 TB/s per stack (8 TB/s / 8)"),
                new Fact(name, "link per direction", Units.si(interconnectBytesPerSecond, "B/s"),
                        a + "unpublished; NVLink-4 class"),
                new Fact(name, "in-switch reduction", "no", a + "no switch announced"),
                new Fact(name, "chips per server", Integer.toString(ANNOUNCED_CHIPS_PER_SERVER),
                        "Etched announcement: 8 x Sohu server"));
    }
}
