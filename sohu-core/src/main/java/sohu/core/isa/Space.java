package sohu.core.isa;

import sohu.core.fp.FpFormat;

/**
 * The on-chip memories an instruction names. Each is addressed by element: element {@code e} of a
 * memory with {@code B} banks (elements per word line) is in bank {@code e mod B} at word
 * {@code e div B}, so the element index of word {@code w}, bank {@code b} is {@code w·B + b}. This
 * is the matrix engine's layout ({@link sohu.core.array.GemmCommand}) seen as one flat array.
 */
public enum Space {
    /** Activation scratchpad: R banks of activation-format elements (the GEMM's A operand). */
    ACT,
    /** Weight scratchpad: C banks of activation-format elements (the GEMM's W operand). */
    WGT,
    /** Accumulator memory: C banks of FP32 (the GEMM's C). */
    ACC,
    /** The vector unit's memory: words of L FP32 elements. */
    VMEM;

    /** Bytes of one element when the core's format is {@code format}. */
    public int elementBytes(FpFormat format) {
        return this == ACT || this == WGT ? format.width() / 8 : 4;
    }

    /** Element format when the core's format is {@code format}. */
    public FpFormat elementFormat(FpFormat format) {
        return this == ACT || this == WGT ? format : FpFormat.FP32;
    }

    /** Lower-case name for dumps. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
