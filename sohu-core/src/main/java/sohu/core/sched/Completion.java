package sohu.core.sched;

/**
 * A finished request (a line of {@code outputs.jsonl}).
 *
 * @param id             the request's id
 * @param generated      generated token ids
 * @param firstTokenStep step that produced the first token
 * @param finishStep     step that produced the last token
 */
public record Completion(String id, int[] generated, int firstTokenStep, int finishStep) {
    public Completion {
        generated = generated.clone();
    }

    @Override
    public int[] generated() {
        return generated.clone();
    }
}
