package sohu.core.sched;

/**
 * One generation request: a prompt, how many tokens to generate greedily, and the step at which
 * it reaches the server.
 *
 * @param id           the caller's name for the request
 * @param prompt       prompt token ids, at least one
 * @param maxNewTokens tokens to generate, at least one
 * @param arrivalStep  first step at which the scheduler may run it
 */
public record Request(String id, int[] prompt, int maxNewTokens, int arrivalStep) {
    public Request {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("request " + id + ": empty prompt");
        }
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("request " + id + ": max_new_tokens must be at least 1, got " + maxNewTokens);
        }
        if (arrivalStep < 0) {
            throw new IllegalArgumentException("request " + id + ": arrival_step must be >= 0, got " + arrivalStep);
        }
        prompt = prompt.clone();
    }

    @Override
    public int[] prompt() {
        return prompt.clone();
    }

    /** The most KV positions the request can ever hold: its prompt plus all but its last generated token. */
    public int maxContext() {
        return prompt.length + maxNewTokens - 1;
    }
}
