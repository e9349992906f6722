package sohu.core.isa;

import sohu.core.xformer.Fp32;
import sohu.core.xformer.VectorOp;

/**
 * What a {@link Scalar} instruction computes: one of the vector unit's lane operations on scalar
 * registers (the sequencer's scalar lane is one more {@code VectorLane}), the FP32 maximum of the
 * lane's comparator, or loading an immediate. The ordinal is the encoding; the first fourteen are
 * {@link VectorOp}'s in its order.
 */
public enum ScalarFn {
    /** {@link VectorOp#ADD_ROW}. */ ADD_ROW, /** {@link VectorOp#MUL_ROW}. */ MUL_ROW,
    /** {@link VectorOp#ADD_SCALAR}. */ ADD_SCALAR, /** {@link VectorOp#MUL_SCALAR}. */ MUL_SCALAR,
    /** {@link VectorOp#FMA_SCALAR}. */ FMA_SCALAR, /** {@link VectorOp#EXP_SUB}. */ EXP_SUB,
    /** {@link VectorOp#RECIP}. */ RECIP, /** {@link VectorOp#MUL_RECIP}. */ MUL_RECIP,
    /** {@link VectorOp#RSQRT}. */ RSQRT, /** {@link VectorOp#NORM}. */ NORM,
    /** {@link VectorOp#SILU}. */ SILU, /** {@link VectorOp#SWIGLU}. */ SWIGLU,
    /** {@link VectorOp#FMA_ROW}. */ FMA_ROW, /** {@link VectorOp#FMS_ROW}. */ FMS_ROW,
    /** {@code max(a, b)} ({@link Fp32#max}). */ MAX,
    /** {@code dst = imm}. */ SET;

    /** The lane operation, for the first fourteen. */
    public VectorOp vectorOp() {
        return ordinal() < VectorOp.values().length ? VectorOp.values()[ordinal()] : null;
    }

    /** The scalar function of a lane operation. */
    public static ScalarFn of(VectorOp op) {
        return values()[op.ordinal()];
    }

    /** The result, given the register values and the immediate. */
    public int apply(int a, int b, int c, int s, int s2, int s3, int imm) {
        return switch (this) {
            case MAX -> Fp32.max(a, b);
            case SET -> imm;
            default -> vectorOp().apply(a, b, c, s, s2, s3, false);
        };
    }
}
