package sohu.core.isa;

import sohu.core.xformer.RowReduce;
import sohu.core.xformer.VectorOp;

/**
 * One vector-unit row instruction, the unit's {@code cmd_*} port: {@code op} on {@code length}
 * elements; word {@code k} of operand A is vector word {@code srcA + k·strideA} (B and C likewise),
 * the result word goes to vector word {@code dst + k·strideD} (FP32, the whole word) or, with
 * {@code toAct}, converted to the activation format to activation-scratchpad word
 * {@code dst + k·strideD} (only the lanes within {@code length}). Scalars {@code s, s2, s3} are read
 * from the named scalar registers when the instruction starts. With {@code reduce} the results
 * (FP32, before any conversion) are folded as {@link RowReduce} does and written to scalar
 * register {@code sRed}. With {@code mask}, element {@code i} is masked (causal mask) when
 * {@code i > diag}: the sequencer drives the unit's {@code q_pos = max(diag, 0)},
 * {@code k_pos = max(-diag, 0)}.
 *
 * <p>Encoding: [11:8] op, [13:12] reduce (0 none, 1 max, 2 sum, 3 sum of squares), [14] toAct,
 * [15] mask, [27:16] srcA, [39:28] srcB, [51:40] srcC, [63:52] dst, [65:64] strideA,
 * [67:66] strideB, [69:68] strideC, [71:70] strideD, [84:72] length, [92:85] sS, [100:93] sS2,
 * [108:101] sS3, [116:109] sRed, [127:117] diag (signed).
 *
 * @param op      the lane operation
 * @param reduce  the reduction, or {@code null}
 * @param toAct   write converted results to the activation scratchpad
 * @param mask    apply the causal mask
 * @param srcA    first word of A
 * @param srcB    first word of B
 * @param srcC    first word of C
 * @param dst     first result word (vector memory, or activation scratchpad with {@code toAct})
 * @param strideA words between A words (0..3)
 * @param strideB words between B words (0..3; 0 broadcasts one word)
 * @param strideC words between C words (0..3)
 * @param strideD words between result words (0..3)
 * @param length  elements, 1..8191
 * @param sS      register of {@code s}
 * @param sS2     register of {@code s2}
 * @param sS3     register of {@code s3}
 * @param sRed    register the reduction goes to
 * @param diag    last unmasked element (-1024..1023; -1 masks all, length or more none)
 * @param deps    tokens
 */
public record Vector(VectorOp op, RowReduce.Kind reduce, boolean toAct, boolean mask, int srcA, int srcB, int srcC,
                     int dst, int strideA, int strideB, int strideC, int strideD, int length, int sS, int sS2,
                     int sS3, int sRed, int diag, Deps deps) implements Instruction {
    /** Checks the fields by encoding them. */
    public Vector {
        if (length < 1) {
            throw new IllegalArgumentException("VECTOR needs length >= 1, got " + length);
        }
        deps.check(IssueQueue.COMPUTE, "VECTOR");
        fields(new Bits128(), op, reduce, toAct, mask, srcA, srcB, srcC, dst, strideA, strideB, strideC, strideD,
                length, sS, sS2, sS3, sRed, diag);
    }

    /** An unmasked, non-reducing instruction with unit strides. */
    public static Vector of(VectorOp op, int srcA, int srcB, int srcC, int dst, int length, boolean toAct,
                            int sS, int sS2, int sS3) {
        return new Vector(op, null, toAct, false, srcA, srcB, srcC, dst, 1, 1, 1, 1, length, sS, sS2, sS3, 0, 0,
                Deps.NONE);
    }

    /** The same instruction with a reduction into {@code reg}. */
    public Vector reducing(RowReduce.Kind kind, int reg) {
        return new Vector(op, kind, toAct, mask, srcA, srcB, srcC, dst, strideA, strideB, strideC, strideD, length,
                sS, sS2, sS3, reg, diag, deps);
    }

    /** The same instruction with the causal mask at {@code d} (clamped to -1..length). */
    public Vector masked(int d) {
        int c = Math.max(-1, Math.min(length, d));
        return new Vector(op, reduce, toAct, true, srcA, srcB, srcC, dst, strideA, strideB, strideC, strideD, length,
                sS, sS2, sS3, sRed, c, deps);
    }

    /** The reduction's hardware code. */
    public int reduceCode() {
        return reduce == null ? 0 : reduce.ordinal() + 1;
    }

    private static void fields(Bits128 b, VectorOp op, RowReduce.Kind reduce, boolean toAct, boolean mask, int srcA,
                               int srcB, int srcC, int dst, int strideA, int strideB, int strideC, int strideD,
                               int length, int sS, int sS2, int sS3, int sRed, int diag) {
        b.put("op", 8, 4, op.ordinal()).put("reduce", 12, 2, reduce == null ? 0 : reduce.ordinal() + 1)
                .put("toAct", 14, toAct).put("mask", 15, mask)
                .put("srcA", 16, 12, srcA).put("srcB", 28, 12, srcB).put("srcC", 40, 12, srcC).put("dst", 52, 12, dst)
                .put("strideA", 64, 2, strideA).put("strideB", 66, 2, strideB).put("strideC", 68, 2, strideC)
                .put("strideD", 70, 2, strideD).put("length", 72, 13, length)
                .put("sS", 85, 8, sS).put("sS2", 93, 8, sS2).put("sS3", 101, 8, sS3).put("sRed", 109, 8, sRed)
                .putSigned("diag", 117, 11, diag);
    }

    @Override
    public Opcode opcode() {
        return Opcode.VECTOR;
    }

    @Override
    public IssueQueue queue() {
        return IssueQueue.COMPUTE;
    }

    @Override
    public Vector withDeps(Deps d) {
        return new Vector(op, reduce, toAct, mask, srcA, srcB, srcC, dst, strideA, strideB, strideC, strideD, length,
                sS, sS2, sS3, sRed, diag, d);
    }

    @Override
    public Bits128 encode() {
        Bits128 b = Instruction.header(Opcode.VECTOR, deps);
        fields(b, op, reduce, toAct, mask, srcA, srcB, srcC, dst, strideA, strideB, strideC, strideD, length, sS, sS2,
                sS3, sRed, diag);
        return b;
    }

    static Vector decode(Bits128 b, Deps d) {
        int opCode = (int) b.get(8, 4);
        if (opCode >= VectorOp.values().length) {
            throw new IllegalArgumentException("VECTOR: unknown lane operation " + opCode);
        }
        int red = (int) b.get(12, 2);
        return new Vector(VectorOp.values()[opCode], red == 0 ? null : RowReduce.Kind.values()[red - 1], b.bit(14),
                b.bit(15), (int) b.get(16, 12), (int) b.get(28, 12), (int) b.get(40, 12), (int) b.get(52, 12),
                (int) b.get(64, 2), (int) b.get(66, 2), (int) b.get(68, 2), (int) b.get(70, 2), (int) b.get(72, 13),
                (int) b.get(85, 8), (int) b.get(93, 8), (int) b.get(101, 8), (int) b.get(109, 8),
                (int) b.getSigned(117, 11), d);
    }

    @Override
    public String body() {
        StringBuilder sb = new StringBuilder("VECTOR ").append(op.name().toLowerCase(java.util.Locale.ROOT)).append(' ')
                .append(toAct ? "act[" : "vmem[").append(dst).append('+').append(strideD).append("] <- a[")
                .append(srcA).append('+').append(strideA).append("] b[").append(srcB).append('+').append(strideB)
                .append("] c[").append(srcC).append('+').append(strideC).append("] len=").append(length)
                .append(" s=r").append(sS).append(",r").append(sS2).append(",r").append(sS3);
        if (reduce != null) {
            sb.append(" reduce=").append(reduce.name().toLowerCase(java.util.Locale.ROOT)).append("->r").append(sRed);
        }
        if (mask) {
            sb.append(" mask<=").append(diag);
        }
        return sb.toString();
    }
}
