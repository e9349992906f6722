package sohu.core.perf;

/** Which term of a step is the largest: compute, HBM traffic or chip-to-chip communication. */
public enum Bound {
    COMPUTE,
    MEMORY,
    COMMUNICATION;

    /** As printed: "compute", "memory", "comm". */
    public String label() {
        return this == COMMUNICATION ? "comm" : name().toLowerCase(java.util.Locale.ROOT);
    }
}
