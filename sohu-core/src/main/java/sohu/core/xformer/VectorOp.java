package sohu.core.xformer;

/**
 * The vector unit's per-element operations (an instruction's opcode is the ordinal). Operands per
 * element: {@code a} (source row A), {@code b} (source row B: second row, per-column vector or
 * the SwiGLU {@code up} row), and the instruction's scalars {@code s}, {@code s2}, {@code s3}.
 * Each is the composition of golden models that the lane reproduces bit for bit.
 */
public enum VectorOp {
    /** {@code a + b} (residual add). */
    ADD_ROW,
    /** {@code a × b} (gain, gating). */
    MUL_ROW,
    /** {@code a + s}. */
    ADD_SCALAR,
    /** {@code a × s} (also the copy {@code a × 1} of a reduction pass, and the rescale by exp(m_old - m_new)). */
    MUL_SCALAR,
    /** {@code a × s + s2}, one rounding (the running sum {@code l·c + Σp}). */
    FMA_SCALAR,
    /** {@code exp(a - s)} (softmax numerator); 0 when masked or when {@code s = -∞}. */
    EXP_SUB,
    /** {@code 1 / a}. */
    RECIP,
    /** {@code a × recip(s)}, or {@code +0} when {@code s} is zero (softmax's final division). */
    MUL_RECIP,
    /** {@code 1 / √a}. */
    RSQRT,
    /** {@code (a × rsqrt(s × s2 + s3)) × b}: RMSNorm with {@code s = Σx²}, {@code s2 = 1/n}, {@code s3 = ε}, {@code b} the gain. */
    NORM,
    /** {@code silu(a)}. */
    SILU,
    /** {@code silu(a) × b}. */
    SWIGLU,
    /** {@code a × b + c}, one rounding ({@code c} from source row C; RoPE's second half). */
    FMA_ROW,
    /** {@code a × b − c}, one rounding (RoPE's first half). */
    FMS_ROW;

    /** Bits of an opcode. */
    public static final int BITS = 4;

    /**
     * The golden result of one element.
     *
     * @param masked the element is masked out by the causal mask of a masking instruction: the
     *     result is {@code +0} for {@link #EXP_SUB} and {@code -∞} for every other operation
     */
    public int apply(int a, int b, int s, int s2, int s3, boolean masked) {
        return apply(a, b, 0, s, s2, s3, masked);
    }

    /** @return whether the opcode uses the exponential, reciprocal or rsqrt paths (the nonlinear counter) */
    public boolean nonlinear() {
        return ordinal() >= EXP_SUB.ordinal() && ordinal() <= SWIGLU.ordinal();
    }

    /** The golden result of one element with a third row operand {@code c}. */
    public int apply(int a, int b, int c, int s, int s2, int s3, boolean masked) {
        if (masked) {
            return this == EXP_SUB ? 0 : Fp32.NEG_INF;
        }
        return switch (this) {
            case ADD_ROW -> Fp32.add(a, b);
            case MUL_ROW -> Fp32.mul(a, b);
            case ADD_SCALAR -> Fp32.add(a, s);
            case MUL_SCALAR -> Fp32.mul(a, s);
            case FMA_SCALAR -> Fp32.fma(a, s, s2);
            case EXP_SUB -> s == Fp32.NEG_INF ? 0 : Exp.exp(Fp32.sub(a, s));
            case RECIP -> Reciprocal.reciprocal(a);
            case MUL_RECIP -> (s & 0x7FFFFFFF) == 0 ? 0 : Fp32.mul(a, Reciprocal.reciprocal(s));
            case RSQRT -> Rsqrt.rsqrt(a);
            case NORM -> Fp32.mul(Fp32.mul(a, Rsqrt.rsqrt(Fp32.fma(s, s2, s3))), b);
            case SILU -> Silu.silu(a);
            case SWIGLU -> SwiGlu.swiglu(a, b);
            case FMA_ROW -> Fp32.fma(a, b, c);
            case FMS_ROW -> Fp32.fma(a, b, Fp32.negate(c));
        };
    }
}
