package sohu.core.soc;

/**
 * The sequencer's sizes.
 *
 * @param queueDepth  instructions each of the load, compute and store queues buffers, 1..64
 * @param tokenBits   width of each dependency-token counter, 1..8: a counter holds at most
 *                    {@code 2^tokenBits - 1} tokens, and an instruction whose push would overflow it
 *                    waits (docs/ISA.md: the compiler keeps at most three outstanding, so 2 bits do)
 * @param dmaInFlight instructions the load queue and the store queue each start before the oldest
 *                    retires, 1..16 (they retire in order; the compute queue keeps one in flight
 *                    beside one GEMM)
 */
public record SequencerConfig(int queueDepth, int tokenBits, int dmaInFlight) {
    /** GEMMs the compute queue keeps in flight at once (the matrix engine takes the next while one drains). */
    public static final int GEMM_IN_FLIGHT = 2;

    /** Width of an instruction index and of the program length. */
    public static final int INDEX_BITS = 32;

    /** Checks the sizes. */
    public SequencerConfig {
        if (queueDepth < 1 || queueDepth > 64) {
            throw new IllegalArgumentException("sequencer queue depth must be 1..64, got " + queueDepth);
        }
        if (tokenBits < 1 || tokenBits > 8) {
            throw new IllegalArgumentException("sequencer token counters must be 1..8 bits wide, got " + tokenBits);
        }
        if (dmaInFlight < 1 || dmaInFlight > 16) {
            throw new IllegalArgumentException("sequencer DMA instructions in flight must be 1..16, got " + dmaInFlight);
        }
    }

    /** Queues of {@code queueDepth} and counters of {@code tokenBits}, one instruction in flight per queue. */
    public SequencerConfig(int queueDepth, int tokenBits) {
        this(queueDepth, tokenBits, 1);
    }

    /** Eight instructions per queue, counters of up to 7 tokens, four DMA instructions in flight per DMA queue. */
    public static SequencerConfig defaults() {
        return new SequencerConfig(8, 3, 4);
    }

    /** The same sizes with {@code n} DMA instructions in flight per DMA queue. */
    public SequencerConfig withDmaInFlight(int n) {
        return new SequencerConfig(queueDepth, tokenBits, n);
    }

    /** Most tokens one counter holds. */
    public int maxTokens() {
        return (1 << tokenBits) - 1;
    }
}
