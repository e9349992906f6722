package sohu.core.perf;

/**
 * Roofline time of one step on a tensor-parallel server.
 *
 * @param computeSeconds FLOPs / (chips x peak x utilization)
 * @param memorySeconds  bytes / (chips x HBM bandwidth)
 * @param commSeconds    all-reduce time, not overlapped
 */
public record StepTime(double computeSeconds, double memorySeconds, double commSeconds) {

    /** {@code max(compute, memory) + comm}. */
    public double totalSeconds() {
        return Math.max(computeSeconds, memorySeconds) + commSeconds;
    }

    /** The larger of compute and memory. */
    public Bound bound() {
        return computeSeconds >= memorySeconds ? Bound.COMPUTE : Bound.MEMORY;
    }
}
