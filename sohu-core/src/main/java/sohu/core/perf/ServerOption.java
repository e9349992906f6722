package sohu.core.perf;

/**
 * A deployment evaluated: how the chips are used, what each holds, the step time and throughput.
 *
 * @param parallelism           how the chips share the model
 * @param batch                 the step of one replica
 * @param capacity              HBM use per chip
 * @param step                  time of one step (every sequence advances one token)
 * @param bubble                fraction of the pipeline idle because the step has fewer sequences than stages
 * @param allTokensPerSecond    input plus output tokens per second of the server
 * @param outputTokensPerSecond output tokens per second of the server
 */
public record ServerOption(Parallelism parallelism, Batch batch, Capacity capacity, StepTime step, double bubble,
                           double allTokensPerSecond, double outputTokensPerSecond) {

    /** Time per output token of one sequence: one step. */
    public double tpotSeconds() {
        return step.totalSeconds();
    }

    /** Whether the deployment fits in HBM. */
    public boolean fits() {
        return capacity.fits();
    }

    /** Tokens per second under {@code counting}. */
    public double tokensPerSecond(TokenCounting counting) {
        return counting == TokenCounting.ALL_TOKENS ? allTokensPerSecond : outputTokensPerSecond;
    }
}
