package sohu.verify.soc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import sohu.core.golden.SimResult;
import sohu.core.isa.Deps;
import sohu.core.isa.Instruction;
import sohu.core.isa.IssueQueue;
import sohu.core.isa.Program;

/**
 * A run on the RTL core seen as the golden simulator's {@link SimResult}: each instruction's start
 * and retire from {@link SohuCoreHarness}'s trace, the busy cycles from the counters, and per
 * instruction the queue whose token came last when that was after its own queue was free (the
 * k-th pop of queue a's tokens to b matches the k-th push, in a's program order), so the golden
 * simulator's breakdowns apply to the RTL unchanged.
 */
public final class RtlSchedule {
    private RtlSchedule() {
    }

    /** The schedule of {@code program}'s run {@code r}. */
    public static SimResult of(Program program, SohuCoreHarness.Run r) {
        List<Instruction> ins = program.instructions();
        int nq = IssueQueue.values().length;
        List<List<ArrayDeque<Integer>>> pushed = pushers(ins);
        byte[] waited = new byte[ins.size()];
        long[] lastRetire = new long[nq];
        for (int i = 0; i < ins.size(); i++) {
            IssueQueue to = ins.get(i).queue();
            Deps d = ins.get(i).deps();
            long ready = lastRetire[to.ordinal()];
            waited[i] = -1;
            for (IssueQueue from : new IssueQueue[] {d.popPrev() ? to.prev() : null, d.popNext() ? to.next() : null}) {
                if (from != null) {
                    long t = r.retire()[pushed.get(from.ordinal()).get(to.ordinal()).pollFirst()] + 1;
                    if (t > ready) {
                        ready = t;
                        waited[i] = (byte) from.ordinal();
                    }
                }
            }
            lastRetire[to.ordinal()] = r.retire()[i];
        }
        long[] busy = {r.counter("load_busy"), r.counter("compute_busy"), r.counter("store_busy")};
        return new SimResult(r.cycles(), r.counter("array_busy"), busy, r.start().clone(), r.retire().clone(), waited, 0);
    }

    /**
     * Per queue, the cycles instructions started after both their queue's previous instruction
     * retired and the tokens they pop were pushed (a popper sees a token the cycle after the push):
     * time lost to the fetch, to full queues and to the issue.
     */
    public static long[] lateStarts(Program program, SohuCoreHarness.Run r) {
        List<Instruction> ins = program.instructions();
        List<List<ArrayDeque<Integer>>> pushed = pushers(ins);
        long[] late = new long[IssueQueue.values().length];
        long[] lastRetire = new long[late.length];
        for (int i = 0; i < ins.size(); i++) {
            IssueQueue to = ins.get(i).queue();
            Deps d = ins.get(i).deps();
            long ready = lastRetire[to.ordinal()];
            for (IssueQueue from : new IssueQueue[] {d.popPrev() ? to.prev() : null, d.popNext() ? to.next() : null}) {
                if (from != null) {
                    ready = Math.max(ready, r.retire()[pushed.get(from.ordinal()).get(to.ordinal()).pollFirst()] + 1);
                }
            }
            late[to.ordinal()] += Math.max(0, r.start()[i] - ready);
            lastRetire[to.ordinal()] = r.retire()[i];
        }
        return late;
    }

    /** Per queue pair (from, to), the instructions that push a token from to to, in program order. */
    private static List<List<ArrayDeque<Integer>>> pushers(List<Instruction> ins) {
        int nq = IssueQueue.values().length;
        List<List<ArrayDeque<Integer>>> pushed = new ArrayList<>();
        for (int a = 0; a < nq; a++) {
            List<ArrayDeque<Integer>> l = new ArrayList<>();
            for (int b = 0; b < nq; b++) {
                l.add(new ArrayDeque<>());
            }
            pushed.add(l);
        }
        for (int i = 0; i < ins.size(); i++) {
            IssueQueue from = ins.get(i).queue();
            Deps d = ins.get(i).deps();
            if (d.pushPrev()) {
                pushed.get(from.ordinal()).get(from.prev().ordinal()).addLast(i);
            }
            if (d.pushNext()) {
                pushed.get(from.ordinal()).get(from.next().ordinal()).addLast(i);
            }
        }
        return pushed;
    }
}
