package sohu.core.perf;

/**
 * What a claimed server throughput implies: the step time it needs and the per-chip compute and
 * utilization that step time requires.
 *
 * @param claimedTokensPerSecond claimed server tokens/s
 * @param counting               which tokens the claim is taken to count
 * @param stepSeconds            time per step the claim needs
 * @param requiredFlopsPerChip   effective FLOP/s per chip if compute were the only cost
 * @param computeOnlyUtilization {@code requiredFlopsPerChip / peak}: the announcement's style of arithmetic
 * @param rooflineUtilization    utilization needed when the step also pays memory and communication as in
 *                               {@link Roofline}; NaN when memory or communication alone exceed the step
 */
public record ClaimAnalysis(double claimedTokensPerSecond, TokenCounting counting, double stepSeconds,
                            double requiredFlopsPerChip, double computeOnlyUtilization,
                            double rooflineUtilization) {

    /** Analyses a claim of {@code tokensPerSecond} for {@code batch} on {@code chips} x {@code hw}. */
    public static ClaimAnalysis of(TransformerSpec model, Batch batch, NumberFormat format, HardwareSpec hw,
                                   int chips, double tokensPerSecond, TokenCounting counting) {
        BatchCost cost = BatchCost.of(model, batch, format);
        double step = counting.tokensPerStep(batch) / tokensPerSecond;
        double peak = hw.peakFlops(format);
        double flopsPerChip = cost.totalFlops() / chips / step;
        // Utilization 1 gives the floor on memory and comm time; what is left of the step is for compute.
        StepTime floor = Roofline.step(cost, hw.withUtilization(1.0), format, chips);
        double computeBudget = step - floor.commSeconds();
        double roofline = floor.memorySeconds() <= computeBudget
                ? cost.totalFlops() / (chips * peak * computeBudget) : Double.NaN;
        return new ClaimAnalysis(tokensPerSecond, counting, step, flopsPerChip, flopsPerChip / peak, roofline);
    }

    /** Whether the roofline model can reach the claim at some utilization of at most 100%. */
    public boolean reachable() {
        return !Double.isNaN(rooflineUtilization) && rooflineUtilization <= 1.0;
    }
}
