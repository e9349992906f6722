package sohu.core.perf;

/**
 * Predicted throughput of an n-chip server running one {@link Batch} per step.
 *
 * @param step                  roofline time of one step
 * @param allTokensPerSecond    input (prefill) plus output tokens per second
 * @param outputTokensPerSecond output tokens per second ({@link Batch#outputTokens()} per step)
 */
public record ServerThroughput(StepTime step, double allTokensPerSecond, double outputTokensPerSecond) {

    /** Runs {@code batch} of {@code model} in {@code format} on {@code chips} x {@code hw}. */
    public static ServerThroughput predict(TransformerSpec model, Batch batch, NumberFormat format,
                                           HardwareSpec hw, int chips) {
        StepTime step = Roofline.step(BatchCost.of(model, batch, format), hw, format, chips);
        double t = step.totalSeconds();
        return new ServerThroughput(step, batch.totalTokens() / t, batch.outputTokens() / t);
    }

    /** Tokens per second under {@code counting}. */
    public double tokensPerSecond(TokenCounting counting) {
        return counting == TokenCounting.ALL_TOKENS ? allTokensPerSecond : outputTokensPerSecond;
    }
}
