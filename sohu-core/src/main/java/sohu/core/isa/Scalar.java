package sohu.core.isa;

/**
 * One operation on the 256 FP32 scalar registers: {@code r[dst] = fn(r[a], r[b], r[c], r[s], r[s2],
 * r[s3], imm)} ({@link ScalarFn#apply}). The registers hold the reductions' results
 * ({@link Vector#sRed}) and the scalars of vector instructions (the softmax's running maximum and
 * sum, RMSNorm's {@code 1/n} and ε, attention's scale).
 *
 * <p>Encoding: [12:8] fn, [23:16] dst, [31:24] a, [39:32] b, [47:40] c, [55:48] s, [63:56] s2,
 * [71:64] s3, [103:72] imm.
 *
 * @param fn   the function
 * @param dst  destination register
 * @param a    register of {@code a}
 * @param b    register of {@code b}
 * @param c    register of {@code c}
 * @param s    register of {@code s}
 * @param s2   register of {@code s2}
 * @param s3   register of {@code s3}
 * @param imm  immediate (FP32 bits) for {@link ScalarFn#SET}
 * @param deps tokens
 */
public record Scalar(ScalarFn fn, int dst, int a, int b, int c, int s, int s2, int s3, int imm, Deps deps)
        implements Instruction {
    /** Number of scalar registers. */
    public static final int REGISTERS = 256;

    /** Checks the fields by encoding them. */
    public Scalar {
        deps.check(IssueQueue.COMPUTE, "SCALAR");
        fields(new Bits128(), fn, dst, a, b, c, s, s2, s3, imm);
    }

    /** {@code r[dst] = imm}. */
    public static Scalar set(int dst, int imm) {
        return new Scalar(ScalarFn.SET, dst, 0, 0, 0, 0, 0, 0, imm, Deps.NONE);
    }

    /** {@code r[dst] = fn(...)} without an immediate. */
    public static Scalar op(ScalarFn fn, int dst, int a, int b, int s, int s2) {
        return new Scalar(fn, dst, a, b, 0, s, s2, 0, 0, Deps.NONE);
    }

    private static void fields(Bits128 w, ScalarFn fn, int dst, int a, int b, int c, int s, int s2, int s3, int imm) {
        w.put("fn", 8, 5, fn.ordinal()).put("dst", 16, 8, dst).put("a", 24, 8, a).put("b", 32, 8, b)
                .put("c", 40, 8, c).put("s", 48, 8, s).put("s2", 56, 8, s2).put("s3", 64, 8, s3)
                .put("imm", 72, 32, imm & 0xFFFFFFFFL);
    }

    @Override
    public Opcode opcode() {
        return Opcode.SCALAR;
    }

    @Override
    public IssueQueue queue() {
        return IssueQueue.COMPUTE;
    }

    @Override
    public Scalar withDeps(Deps d) {
        return new Scalar(fn, dst, a, b, c, s, s2, s3, imm, d);
    }

    @Override
    public Bits128 encode() {
        Bits128 w = Instruction.header(Opcode.SCALAR, deps);
        fields(w, fn, dst, a, b, c, s, s2, s3, imm);
        return w;
    }

    static Scalar decode(Bits128 w, Deps d) {
        int f = (int) w.get(8, 5);
        if (f >= ScalarFn.values().length) {
            throw new IllegalArgumentException("SCALAR: unknown function " + f);
        }
        return new Scalar(ScalarFn.values()[f], (int) w.get(16, 8), (int) w.get(24, 8), (int) w.get(32, 8),
                (int) w.get(40, 8), (int) w.get(48, 8), (int) w.get(56, 8), (int) w.get(64, 8),
                (int) w.get(72, 32), d);
    }

    @Override
    public String body() {
        String name = fn.name().toLowerCase(java.util.Locale.ROOT);
        if (fn == ScalarFn.SET) {
            return "SCALAR set r" + dst + " = 0x" + Integer.toHexString(imm) + " (" + Float.intBitsToFloat(imm) + ")";
        }
        return "SCALAR " + name + " r" + dst + " <- a=r" + a + " b=r" + b + " c=r" + c + " s=r" + s + ",r" + s2
                + ",r" + s3;
    }
}
