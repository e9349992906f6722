package sohu.core.sched;

import java.util.ArrayList;
import java.util.List;

/** The scheduler's view of one request in flight: what it knows, what is in its KV cache. */
final class SequenceState {
    final int sequenceId;
    final Request request;
    final List<Integer> generated = new ArrayList<>();
    /** Positions whose K and V are in the engine's cache. */
    int computed;
    /** True once the sequence has produced a token since it was (re)admitted: its next chunks are decodes. */
    boolean decoding;
    int firstTokenStep = -1;
    int finishStep = -1;

    SequenceState(int sequenceId, Request request) {
        this.sequenceId = sequenceId;
        this.request = request;
    }

    /** Prompt and generated tokens so far. */
    int known() {
        return request.prompt().length + generated.size();
    }

    /** Token ids of positions {@code from} (inclusive) to {@code to} (exclusive). */
    int[] tokens(int from, int to) {
        int[] prompt = request.prompt();
        int[] out = new int[to - from];
        for (int p = from; p < to; p++) {
            out[p - from] = p < prompt.length ? prompt[p] : generated.get(p - prompt.length);
        }
        return out;
    }

    boolean finished() {
        return generated.size() == request.maxNewTokens();
    }

    /** Back to square one, keeping what it generated: it is recomputed as a longer prompt. */
    void preempt() {
        computed = 0;
        decoding = false;
    }
}
