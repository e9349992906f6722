package sohu.core.isa;

/**
 * The sequencer's three in-order instruction queues. Dependency tokens flow only between
 * neighbours: load ↔ compute ↔ store ("prev" and "next" in {@link Deps}).
 */
public enum IssueQueue {
    /** DMA from HBM into the on-chip memories ({@link Dma} loads). */
    LOAD,
    /** The matrix engine, the vector unit, on-chip moves and scalar operations. */
    COMPUTE,
    /** DMA from the on-chip memories to HBM ({@link Dma} stores). */
    STORE;

    /** The queue before this one, or {@code null} for the load queue. */
    public IssueQueue prev() {
        return this == LOAD ? null : values()[ordinal() - 1];
    }

    /** The queue after this one, or {@code null} for the store queue. */
    public IssueQueue next() {
        return this == STORE ? null : values()[ordinal() + 1];
    }

    /** Lower-case name for dumps. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
