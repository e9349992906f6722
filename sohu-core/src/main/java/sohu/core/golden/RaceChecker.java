package sohu.core.golden;

import java.util.HashMap;
import java.util.Map;
import sohu.core.isa.Program;
import sohu.core.isa.IssueQueue;

/**
 * Checks that the dependency tokens order every pair of conflicting accesses from different
 * queues (a write and any other access of the same element, on chip or in HBM). Each queue keeps a
 * vector clock (how many instructions of each queue happen before its current one); a token
 * carries its pusher's clock to the popper. An access that the clocks do not order is a race: the
 * hardware could run it either way, so the program is wrong even if one run happens to work.
 */
final class RaceChecker {
    private final Program program;
    private final int[] seq;                    // instruction -> its number within its queue (1-based)
    private final long[][] clock = new long[3][3];
    private final Map<String, int[][]> memories = new HashMap<>();   // name -> {lastWrite, lastRead[3]} (index+1)

    RaceChecker(Program program) {
        this.program = program;
        seq = new int[program.size()];
        int[] n = new int[3];
        for (int i = 0; i < program.size(); i++) {
            seq[i] = ++n[program.instructions().get(i).queue().ordinal()];
        }
    }

    /** The clock a token pushed by queue {@code q} now carries. */
    long[] snapshot(IssueQueue q) {
        return clock[q.ordinal()].clone();
    }

    /** IssueQueue {@code q} popped a token carrying {@code c}. */
    void merge(IssueQueue q, long[] c) {
        long[] mine = clock[q.ordinal()];
        for (int i = 0; i < 3; i++) {
            mine[i] = Math.max(mine[i], c[i]);
        }
    }

    /** Instruction {@code index} of queue {@code q} finished. */
    void finished(IssueQueue q, int index) {
        clock[q.ordinal()][q.ordinal()] = seq[index];
    }

    /** Records an access of elements {@code [from, from+n)} of memory {@code name} (of {@code size} elements). */
    void access(String name, int size, long from, int n, boolean write, int index) {
        int[][] m = memories.computeIfAbsent(name, k -> new int[4][size]);
        if (m[0].length < size) {
            for (int i = 0; i < 4; i++) {
                m[i] = java.util.Arrays.copyOf(m[i], size);
            }
        }
        IssueQueue q = program.instructions().get(index).queue();
        for (long e = from; e < from + n; e++) {
            int x = (int) e;
            check(m[0][x], q, index, name, x, write ? "writes" : "reads", "writes");
            if (write) {
                for (int p = 0; p < 3; p++) {
                    check(m[1 + p][x], q, index, name, x, "writes", "reads");
                }
                m[0][x] = index + 1;
            } else {
                m[1 + q.ordinal()][x] = index + 1;
            }
        }
    }

    private void check(int other, IssueQueue q, int index, String name, int element, String verb, String otherVerb) {
        if (other == 0) {
            return;
        }
        int o = other - 1;
        IssueQueue p = program.instructions().get(o).queue();
        if (p != q && clock[q.ordinal()][p.ordinal()] < seq[o]) {
            throw new IllegalStateException("race: instruction " + index + " (" + program.instructions().get(index).text()
                    + ") in the " + q.tag() + " queue " + verb + " " + name + " element " + element + ", which instruction "
                    + o + " (" + program.instructions().get(o).text() + ") in the " + p.tag() + " queue " + otherVerb
                    + ", and no dependency token orders them");
        }
    }
}
