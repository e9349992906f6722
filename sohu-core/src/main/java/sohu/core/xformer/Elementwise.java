package sohu.core.xformer;

/**
 * Golden model of the elementwise instructions: add or multiply a row by a second row (residual
 * add), by a broadcast scalar, or by a per-column vector (RMSNorm gain, reused for every row); each
 * element is one FP32 operation of the FMA ({@link Fp32#add}, {@link Fp32#mul}).
 */
public final class Elementwise {
    /** The two-operand operations. */
    public enum Op {
        /** {@code a + b}. */
        ADD,
        /** {@code a × b}. */
        MUL;

        /** Applies the operation to two FP32 encodings. */
        public int apply(int a, int b) {
            return this == ADD ? Fp32.add(a, b) : Fp32.mul(a, b);
        }
    }

    private Elementwise() {
    }

    /** {@code a[i] op b[i]}; a per-column vector is just {@code b} (the same for every row). */
    public static int[] rows(Op op, int[] a, int[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("row lengths differ: " + a.length + " and " + b.length);
        }
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = op.apply(a[i], b[i]);
        }
        return out;
    }

    /** {@code a[i] op s} with a broadcast scalar. */
    public static int[] scalar(Op op, int[] a, int s) {
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = op.apply(a[i], s);
        }
        return out;
    }
}
