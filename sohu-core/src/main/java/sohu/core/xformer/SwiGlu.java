package sohu.core.xformer;

/** Golden model of SwiGLU's gating in one pass: {@code silu(gate) · up}, one more FP32 multiply. */
public final class SwiGlu {
    private SwiGlu() {
    }

    /** {@code silu(gate) · up} of two FP32 encodings. */
    public static int swiglu(int gate, int up) {
        return Fp32.mul(Silu.silu(gate), up);
    }
}
