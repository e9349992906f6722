package sohu.core.model;

import java.util.List;

/**
 * A way to run a model: {@code reference} (the math in double precision), {@code golden} (the
 * instruction-set simulator) or {@code rtl} (the generated core in Verilator). One engine holds one
 * model and the KV caches of the sequences it has seen.
 */
public interface Engine extends AutoCloseable {

    /** Runs one step of a batch of chunks of different sequences; the KV caches grow by the chunks. */
    StepResult step(List<SequenceChunk> batch);

    /** Forgets a finished (or preempted) sequence and frees its KV cache. */
    void release(int sequenceId);

    /** The clock its cycles are counted at, in Hz, for tokens per second; 0 when it counts none (reference). */
    default double clockHz() {
        return 0;
    }

    @Override
    default void close() { }
}
