package sohu.core.isa;

/**
 * The rule that lets GEMMs run in the background of the compute queue (docs/ISA.md, "Instructions
 * in flight"): once the matrix engine has taken a GEMM, the compute queue goes on with the
 * instructions behind it, except those that {@link #waits wait} for it. Waiting is what keeps the
 * queue's meaning sequential: nothing that starts while the GEMM runs touches what the GEMM reads
 * or writes, and no token is pushed before the GEMM's own. The next GEMM does not wait for it to
 * retire: the engine takes it the cycle after the previous one's last row (up to
 * {@link sohu.core.soc.SequencerConfig#GEMM_IN_FLIGHT} in flight), and GEMMs retire, pushing their
 * tokens, in order.
 */
public final class BackgroundGemm {
    private BackgroundGemm() {
    }

    /**
     * Whether compute instruction {@code next} must wait until {@code running} (a GEMM still in the
     * matrix engine) has retired: any instruction with a push flag (tokens into a queue are pushed
     * in program order and mean "everything before me is done"), a MOVE reading accumulator words
     * the GEMM's C spans (the accumulator has a read port for MOVEs beside the array's, so a MOVE
     * of one tile's sums runs while the array works on another tile's words), and a VECTOR writing
     * activations ({@code toAct}) into words the GEMM's A operand spans. A VECTOR writing vector
     * memory and a SCALAR never touch the array's memories and go on. {@code lanes} is the array's
     * R (= C = L): elements per word.
     */
    public static boolean waits(Instruction next, Gemm running, int lanes) {
        if (next instanceof Gemm) {   // the engine's readiness orders GEMMs, and they retire in order
            return false;
        }
        if (next.deps().pushPrev() || next.deps().pushNext()) {
            return true;
        }
        if (next instanceof Move m) {
            return overlaps(accWords(m), cWords(running, lanes));
        }
        return next instanceof Vector v && v.toAct() && overlaps(actWords(v, lanes), aWords(running, lanes));
    }

    /** The first and last accumulator word MOVE {@code m} reads. */
    public static long[] accWords(Move m) {
        return new long[] {m.src(), m.src() + (long) Math.max(0, m.rows() - 1) * m.srcStride() + Math.max(1, m.words()) - 1};
    }

    /** The first and last accumulator word GEMM {@code g} writes (and reads when accumulating). */
    public static long[] cWords(Gemm g, int lanes) {
        var c = g.cmd();
        int colWords = Math.max(1, ceilDiv(c.n(), lanes));
        return new long[] {c.cBase(), c.cBase() + (long) Math.max(0, c.m() - 1) * c.cStride() + colWords - 1};
    }

    /** The first and last activation word {@code v}'s {@code toAct} results may write. */
    public static long[] actWords(Vector v, int lanes) {
        int words = Math.max(1, ceilDiv(v.length(), lanes));
        return new long[] {v.dst(), v.dst() + (long) (words - 1) * v.strideD()};
    }

    /** The first and last activation word GEMM {@code g} reads as its A operand. */
    public static long[] aWords(Gemm g, int lanes) {
        var c = g.cmd();
        int rowWords = Math.max(1, ceilDiv(c.k(), lanes));
        return new long[] {c.aBase(), c.aBase() + (long) Math.max(0, c.m() - 1) * c.aStride() + rowWords - 1};
    }

    private static boolean overlaps(long[] a, long[] b) {
        return a[0] <= b[1] && b[0] <= a[1];
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
