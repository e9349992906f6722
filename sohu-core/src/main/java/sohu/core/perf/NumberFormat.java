package sohu.core.perf;

/** Number format of weights, KV cache and matrix math, with its storage size. */
public enum NumberFormat {
    FP32(4),
    BF16(2),
    FP16(2),
    FP8(1),
    /** 4-bit floating point (NVFP4-class, as the B200 MLPerf submission's weights); two per byte. */
    FP4(0.5);

    private final double bytes;

    NumberFormat(double bytes) {
        this.bytes = bytes;
    }

    /** Bytes per stored element (0.5 for FP4). */
    public double bytes() {
        return bytes;
    }

    /**
     * Parses "fp8", "BF16", ... case-insensitively.
     *
     * @throws IllegalArgumentException listing the valid names
     */
    public static NumberFormat byName(String name) {
        for (NumberFormat f : values()) {
            if (f.name().equalsIgnoreCase(name.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown number format '" + name + "'; valid: fp32, bf16, fp16, fp8, fp4");
    }
}
