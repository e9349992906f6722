package sohu.core.perf;

/**
 * Predicted throughput of a server: the sweep's view of a {@link ServerOption}.
 *
 * @param step                  time of one step
 * @param allTokensPerSecond    input (prefill) plus output tokens per second
 * @param outputTokensPerSecond output tokens per second
 */
public record ServerThroughput(StepTime step, double allTokensPerSecond, double outputTokensPerSecond) {

    /** The throughput of an evaluated option. */
    public static ServerThroughput of(ServerOption o) {
        return new ServerThroughput(o.step(), o.allTokensPerSecond(), o.outputTokensPerSecond());
    }

    /** Tokens per second under {@code counting}. */
    public double tokensPerSecond(TokenCounting counting) {
        return counting == TokenCounting.ALL_TOKENS ? allTokensPerSecond : outputTokensPerSecond;
    }
}
