package sohu.core.isa;

/** Bits 0..3 of every instruction (the ordinal is the encoding) and the queue that runs it. */
public enum Opcode {
    /** A token-only instruction for any queue ({@link Sync}). */
    SYNC,
    /** DMA HBM → on-chip memory ({@link Dma}). */
    LOAD,
    /** DMA on-chip memory → HBM ({@link Dma}). */
    STORE,
    /** One matrix-engine command ({@link Gemm}). */
    GEMM,
    /** One vector-unit row instruction ({@link Vector}). */
    VECTOR,
    /** Accumulator words → vector-memory words ({@link Move}). */
    MOVE,
    /** One operation on the scalar registers ({@link Scalar}). */
    SCALAR;

    /** Width of the opcode field. */
    public static final int BITS = 4;

    /** The opcode of an encoded word, or an error for an unused code. */
    static Opcode of(long code, int index) {
        if (code >= values().length) {
            throw new IllegalArgumentException("instruction " + index + ": unknown opcode " + code);
        }
        return values()[(int) code];
    }
}
