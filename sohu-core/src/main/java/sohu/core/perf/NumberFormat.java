package sohu.core.perf;

/** Number format of weights and KV cache, with its storage size. */
public enum NumberFormat {
    FP32(4),
    BF16(2),
    FP16(2),
    FP8(1);

    private final int bytes;

    NumberFormat(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per stored element. */
    public int bytes() {
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
        throw new IllegalArgumentException("unknown number format '" + name + "'; valid: fp32, bf16, fp16, fp8");
    }
}
