package sohu.verify.soc;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import sohu.core.array.GemmCommand;
import sohu.core.isa.Deps;
import sohu.core.isa.Dma;
import sohu.core.isa.Gemm;
import sohu.core.isa.Instruction;
import sohu.core.isa.Move;
import sohu.core.isa.Program;
import sohu.core.isa.IssueQueue;
import sohu.core.isa.Scalar;
import sohu.core.isa.Space;
import sohu.core.isa.Sync;
import sohu.core.isa.Vector;
import sohu.core.xformer.VectorOp;

/**
 * Random well-formed programs: every pop takes a token that an earlier instruction (in program
 * order) pushed, at most {@code maxOutstanding} tokens are outstanding per token queue in program
 * order, and the leftover tokens are popped by SYNCs at the end, so each is balanced. The engine
 * instructions touch a few elements of small memories, so the golden simulator can run them; a
 * third of the compute queue's are GEMMs (with and without push flags, like the rest).
 */
final class RandomPrograms {
    private RandomPrograms() { }

    /** A program of about {@code n} instructions, a quarter of them SYNCs. */
    static Program wellFormed(Random rnd, int n, int maxOutstanding) {
        int[][] outstanding = new int[3][3];
        List<Instruction> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            IssueQueue q = IssueQueue.values()[rnd.nextInt(3)];
            boolean popPrev = q.prev() != null && outstanding[q.prev().ordinal()][q.ordinal()] > 0 && rnd.nextDouble() < 0.5;
            boolean popNext = q.next() != null && outstanding[q.next().ordinal()][q.ordinal()] > 0 && rnd.nextDouble() < 0.5;
            if (popPrev) {
                outstanding[q.prev().ordinal()][q.ordinal()]--;
            }
            if (popNext) {
                outstanding[q.next().ordinal()][q.ordinal()]--;
            }
            boolean pushPrev = q.prev() != null && outstanding[q.ordinal()][q.prev().ordinal()] < maxOutstanding
                    && rnd.nextDouble() < 0.4;
            boolean pushNext = q.next() != null && outstanding[q.ordinal()][q.next().ordinal()] < maxOutstanding
                    && rnd.nextDouble() < 0.4;
            if (pushPrev) {
                outstanding[q.ordinal()][q.prev().ordinal()]++;
            }
            if (pushNext) {
                outstanding[q.ordinal()][q.next().ordinal()]++;
            }
            out.add(instruction(rnd, q, new Deps(popPrev, popNext, pushPrev, pushNext)));
        }
        for (IssueQueue from : IssueQueue.values()) {
            for (IssueQueue to : IssueQueue.values()) {
                for (int k = outstanding[from.ordinal()][to.ordinal()]; k > 0; k--) {
                    out.add(new Sync(to, Deps.NONE.withPop(to, from)));
                }
            }
        }
        return new Program(out);
    }

    /** A random instruction of queue {@code q}, a SYNC one time in four. */
    static Instruction instruction(Random rnd, IssueQueue q, Deps d) {
        return rnd.nextDouble() < 0.25 ? new Sync(q, d) : engineInstruction(rnd, q, d);
    }

    /** A random instruction of queue {@code q} for its engine (not a SYNC). */
    static Instruction engineInstruction(Random rnd, IssueQueue q, Deps d) {
        return switch (q) {
            case LOAD -> new Dma(false, Space.VMEM, rnd.nextInt(32), rnd.nextInt(1024), 1, 1 + rnd.nextInt(4), 0, 0, d);
            case STORE -> new Dma(true, Space.VMEM, rnd.nextInt(32), 1024 + rnd.nextInt(1024), 1, 1 + rnd.nextInt(4), 0, 0, d);
            case COMPUTE -> rnd.nextInt(3) == 0 ? gemm(rnd, d) : foreground(rnd, d);
        };
    }

    /** A random GEMM of at most one 4 × 4 tile. */
    static Gemm gemm(Random rnd, Deps d) {
        return new Gemm(new GemmCommand(1 + rnd.nextInt(4), 1 + rnd.nextInt(4), 1 + rnd.nextInt(4), rnd.nextInt(32), 1,
                rnd.nextInt(32), 1, rnd.nextInt(32), 1, rnd.nextBoolean()), d);
    }

    /** A random compute instruction that is not a GEMM or a SYNC: a SCALAR, a MOVE or a VECTOR. */
    static Instruction foreground(Random rnd, Deps d) {
        return switch (rnd.nextInt(3)) {
            case 0 -> Scalar.set(rnd.nextInt(Scalar.REGISTERS), rnd.nextInt(1 << 30)).withDeps(d);
            case 1 -> new Move(rnd.nextInt(4), rnd.nextInt(4), 1, 1, 0, 0, d);
            default -> vector(rnd, d);
        };
    }

    /** A random VECTOR: a row sum of up to two words, into other words. */
    static Vector vector(Random rnd, Deps d) {
        return Vector.of(VectorOp.ADD_ROW, rnd.nextInt(16), rnd.nextInt(16), 0, 16 + rnd.nextInt(16), 1 + rnd.nextInt(8),
                false, 0, 0, 0).withDeps(d);
    }
}
