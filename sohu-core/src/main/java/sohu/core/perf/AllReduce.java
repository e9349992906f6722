package sohu.core.perf;

/**
 * How a tensor-parallel group all-reduces an activation of S bytes over n chips
 * (nccl-tests doc/PERFORMANCE.md: ring and tree move 2(n-1)/n x S per chip).
 */
public enum AllReduce {
    /** Ring: 2(n-1)/n x S per chip, 2(n-1) synchronized steps. */
    RING,
    /** Tree (NCCL double binary tree): same bytes as the ring, 2 log2(n) steps. */
    TREE,
    /**
     * In-switch reduction (NVLink SHARP): each chip sends its share once and the switch reduces,
     * half the ring's bytes (NVIDIA: "2x all-reduce throughput"), 2 steps (TRT-LLM MultiShot).
     */
    SWITCH;

    /** Bytes each chip sends per byte of buffer. */
    public double bytesFactor(int n) {
        double ring = 2.0 * (n - 1) / n;
        return this == SWITCH ? ring / 2 : ring;
    }

    /** Synchronized steps of one all-reduce. */
    public int steps(int n) {
        return switch (this) {
            case RING -> 2 * (n - 1);
            case TREE -> 2 * (32 - Integer.numberOfLeadingZeros(n - 1));
            case SWITCH -> 2;
        };
    }

    /** Lower-case name as printed ("ring", "tree", "switch"). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
