package sohu.core.perf;

/**
 * Time of one step (every sequence advances one token) on a server.
 *
 * @param computeSeconds FLOPs / (chips x peak x utilization), pipeline bubbles included
 * @param memorySeconds  HBM bytes per chip / bandwidth
 * @param commSeconds    all-reduce and pipeline transfers per chip
 * @param overlapped     communication runs under compute and memory instead of after them
 */
public record StepTime(double computeSeconds, double memorySeconds, double commSeconds, boolean overlapped) {

    /** A step whose communication is not overlapped. */
    public StepTime(double computeSeconds, double memorySeconds, double commSeconds) {
        this(computeSeconds, memorySeconds, commSeconds, false);
    }

    /** {@code max(compute, memory) + comm}, or {@code max(compute, memory, comm)} when overlapped. */
    public double totalSeconds() {
        double roof = Math.max(computeSeconds, memorySeconds);
        return overlapped ? Math.max(roof, commSeconds) : roof + commSeconds;
    }

    /** The largest of the three terms. */
    public Bound bound() {
        if (commSeconds > computeSeconds && commSeconds > memorySeconds) {
            return Bound.COMMUNICATION;
        }
        return computeSeconds >= memorySeconds ? Bound.COMPUTE : Bound.MEMORY;
    }
}
