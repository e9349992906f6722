package sohu.core.isa;

/**
 * Copies accumulator words to vector-memory words (one word = C = L FP32 elements): {@code rows}
 * rows of {@code words} words, row {@code r} from accumulator word {@code src + r·srcStride} to
 * vector word {@code dst + r·dstStride}. This is how the vector unit reads the matrix engine's
 * results (the accumulator's read port feeds the vector memory's load port).
 *
 * <p>Encoding: [23:8] src, [35:24] dst, [47:36] rows, [59:48] words, [75:60] srcStride,
 * [87:76] dstStride.
 *
 * @param src       first accumulator word
 * @param dst       first vector-memory word
 * @param rows      rows, 1..4095
 * @param words     words per row, 1..4095
 * @param srcStride accumulator words between rows
 * @param dstStride vector words between rows
 * @param deps      tokens
 */
public record Move(int src, int dst, int rows, int words, int srcStride, int dstStride, Deps deps)
        implements Instruction {
    /** Checks the fields by encoding them. */
    public Move {
        if (rows < 1 || words < 1) {
            throw new IllegalArgumentException("MOVE needs rows and words >= 1, got " + rows + " and " + words);
        }
        deps.check(IssueQueue.COMPUTE, "MOVE");
        fields(new Bits128(), src, dst, rows, words, srcStride, dstStride);
    }

    private static void fields(Bits128 b, int src, int dst, int rows, int words, int srcStride, int dstStride) {
        b.put("src", 8, 16, src).put("dst", 24, 12, dst).put("rows", 36, 12, rows).put("words", 48, 12, words)
                .put("srcStride", 60, 16, srcStride).put("dstStride", 76, 12, dstStride);
    }

    @Override
    public Opcode opcode() {
        return Opcode.MOVE;
    }

    @Override
    public IssueQueue queue() {
        return IssueQueue.COMPUTE;
    }

    @Override
    public Move withDeps(Deps d) {
        return new Move(src, dst, rows, words, srcStride, dstStride, d);
    }

    @Override
    public Bits128 encode() {
        Bits128 b = Instruction.header(Opcode.MOVE, deps);
        fields(b, src, dst, rows, words, srcStride, dstStride);
        return b;
    }

    static Move decode(Bits128 b, Deps d) {
        return new Move((int) b.get(8, 16), (int) b.get(24, 12), (int) b.get(36, 12), (int) b.get(48, 12),
                (int) b.get(60, 16), (int) b.get(76, 12), d);
    }

    @Override
    public String body() {
        return "MOVE   vmem[" + dst + "+" + dstStride + "r] <- acc[" + src + "+" + srcStride + "r] rows=" + rows
                + " words=" + words;
    }
}
