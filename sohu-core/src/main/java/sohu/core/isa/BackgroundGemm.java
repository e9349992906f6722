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
     * matrix engine) has retired: a MOVE (it reads the accumulator, whose port the array holds
     * while it runs), any other instruction with a push flag (tokens into a queue are pushed in
     * program order and mean "everything before me is done"), and a VECTOR writing
     * activations ({@code toAct}) into words the GEMM's A operand spans. A VECTOR writing vector
     * memory and a SCALAR never touch the array's memories and go on. {@code lanes} is the array's
     * R (= C = L): elements per word.
     */
    public static boolean waits(Instruction next, Gemm running, int lanes) {
        if (next instanceof Gemm) {   // the engine's readiness orders GEMMs, and they retire in order
            return false;
        }
        if (next.deps().pushPrev() || next.deps().pushNext() || next instanceof Move) {
            return true;
        }
        return next instanceof Vector v && v.toAct() && overlaps(actWords(v, lanes), aWords(running, lanes));
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
