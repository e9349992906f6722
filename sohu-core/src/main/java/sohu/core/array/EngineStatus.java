package sohu.core.array;

/** The matrix engine's status code (port {@code status_error}) after a command. */
public enum EngineStatus {
    /** The product was computed. */
    OK,
    /** M, K or N is zero; nothing was computed. */
    ZERO_SIZE,
    /** A stride is smaller than the words of one row ({@code aStride < ceil(K/R)}, {@code wStride} or {@code cStride < ceil(N/C)}). */
    BAD_STRIDE,
    /** The last word of A lies beyond the activation scratchpad. */
    A_OUT_OF_RANGE,
    /** The last word of W lies beyond the weight scratchpad. */
    W_OUT_OF_RANGE,
    /** The last word of C lies beyond the accumulator memory. */
    C_OUT_OF_RANGE;

    /** The 3-bit code on the status port. */
    public int code() {
        return ordinal();
    }

    /** The status of a code read from the port. */
    public static EngineStatus of(long code) {
        EngineStatus[] all = values();
        if (code < 0 || code >= all.length) {
            throw new IllegalArgumentException("no engine status has code " + code);
        }
        return all[(int) code];
    }
}
