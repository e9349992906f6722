package sohu.verify.soc;

import java.util.ArrayList;
import java.util.List;
import sohu.core.isa.Deps;
import sohu.core.isa.Instruction;
import sohu.core.isa.Opcode;
import sohu.core.soc.SequencerConfig;
import sohu.core.isa.Program;
import sohu.core.isa.IssueQueue;

/**
 * The cycles at which each instruction of a program started, was issued to its engine, was
 * reported done and retired (-1: never), as {@link SequencerHarness} saw them.
 *
 * @param program the program
 * @param start   cycle the instruction left its queue's head
 * @param issue   cycle its engine took it (-1 for SYNC)
 * @param done    cycle its engine reported it done (-1 for SYNC)
 * @param retire  cycle it pushed its tokens and freed its queue (a GEMM: the GEMM slot)
 * @param span    the cycle the program was started and the cycle its end was seen
 * @param dmaInFlight instructions the load and store queues may each have in flight ({@code SequencerConfig})
 */
public record Trace(Program program, long[] start, long[] issue, long[] done, long[] retire, long[] span, int dmaInFlight) {

    /**
     * The counters this trace implies: the program runs from the cycle after its start to the
     * cycle after its last retire; a queue is busy from the cycle after an instruction starts to
     * the cycle it retires.
     */
    public long expectedCycles() {
        long last = span[0];
        for (long r : retire) {
            last = Math.max(last, r);
        }
        return last + 1 - span[0];
    }

    /**
     * The busy cycles of queue {@code q} this trace implies (see {@link #expectedCycles}): the
     * cycles some instruction of it is in flight, the union of the intervals {@code (start, retire]}
     * (in queue order the starts increase, but a compute instruction may retire before the GEMM
     * ahead of it).
     */
    public long expectedBusy(IssueQueue q) {
        long n = 0;
        long covered = Long.MIN_VALUE;
        for (int i = 0; i < retire.length; i++) {
            if (program.instructions().get(i).queue() == q) {
                n += Math.max(0, retire[i] - Math.max(start[i], covered));
                covered = Math.max(covered, retire[i]);
            }
        }
        return n;
    }

    /**
     * Checks the order the ISA asks for; returns the problems found (empty when none): every
     * instruction started and retired once, after its engine was done; within a queue started in
     * program order; load and store at most {@link #dmaInFlight} started and not retired, retiring
     * in order; compute as {@link #checkCompute} says; the pushes into each token queue retired in
     * program order; and the k-th instruction popping a token queue started after the k-th
     * instruction pushing it retired.
     */
    public List<String> check() {
        List<String> bad = new ArrayList<>();
        List<Instruction> ins = program.instructions();
        List<List<Integer>> order = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        // pushers[from][to]: the retire cycles of the pushes, in the pusher queue's order
        List<List<List<Integer>>> pushers = new ArrayList<>();
        for (int a = 0; a < 3; a++) {
            List<List<Integer>> row = new ArrayList<>();
            for (int b = 0; b < 3; b++) {
                row.add(new ArrayList<>());
            }
            pushers.add(row);
        }
        for (int i = 0; i < ins.size(); i++) {
            Instruction in = ins.get(i);
            IssueQueue q = in.queue();
            if (start[i] < 0 || retire[i] < 0) {
                bad.add("instruction " + i + " (" + in.text() + ") " + (start[i] < 0 ? "never started" : "never retired"));
                continue;
            }
            boolean sync = in.opcode() == Opcode.SYNC;
            if (!sync && (issue[i] != start[i] || done[i] <= issue[i] || retire[i] < done[i])) {
                bad.add("instruction " + i + ": start " + start[i] + ", issue " + issue[i] + ", done " + done[i] + ", retire "
                        + retire[i] + " (issue must be the start, then done, then retire)");
            }
            if (sync && (issue[i] >= 0 || retire[i] <= start[i])) {
                bad.add("SYNC " + i + ": issued at " + issue[i] + " or retired at " + retire[i] + " not after its start " + start[i]);
            }
            List<Integer> mine = order.get(q.ordinal());
            int prev = mine.isEmpty() ? -1 : mine.get(mine.size() - 1);
            if (q == IssueQueue.COMPUTE) {
                checkCompute(i, mine, bad);
            } else {
                int ahead = mine.size() >= dmaInFlight ? mine.get(mine.size() - dmaInFlight) : -1;
                if (ahead >= 0 && start[i] < retire[ahead]) {
                    bad.add("instruction " + i + " started at " + start[i] + ", before instruction " + ahead + " of the same "
                            + q.tag() + " queue (" + dmaInFlight + " place(s) ahead) retired at " + retire[ahead]);
                }
                if (prev >= 0 && retire[i] <= retire[prev]) {
                    bad.add("instruction " + i + " retired at " + retire[i] + ", not after instruction " + prev + " of the same "
                            + q.tag() + " queue (retired " + retire[prev] + ")");
                }
            }
            if (prev >= 0 && start[i] <= start[prev]) {
                bad.add("instruction " + i + " started at " + start[i] + ", not after instruction " + prev + " of the same "
                        + q.tag() + " queue (started " + start[prev] + ")");
            }
            mine.add(i);
            Deps d = in.deps();
            if (d.pushPrev()) {
                pushers.get(q.ordinal()).get(q.prev().ordinal()).add(i);
            }
            if (d.pushNext()) {
                pushers.get(q.ordinal()).get(q.next().ordinal()).add(i);
            }
        }
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                List<Integer> ps = pushers.get(a).get(b);
                for (int k = 1; k < ps.size(); k++) {
                    if (retire[ps.get(k)] >= 0 && retire[ps.get(k)] <= retire[ps.get(k - 1)]) {
                        bad.add("instruction " + ps.get(k) + " pushed its " + IssueQueue.values()[a].tag() + " -> "
                                + IssueQueue.values()[b].tag() + " token at " + retire[ps.get(k)] + ", not after instruction "
                                + ps.get(k - 1) + " pushed the one before at " + retire[ps.get(k - 1)]);
                    }
                }
            }
        }
        int[][] popped = new int[3][3];
        for (int i = 0; i < ins.size(); i++) {
            Instruction in = ins.get(i);
            IssueQueue q = in.queue();
            for (IssueQueue from : new IssueQueue[] {in.deps().popPrev() ? q.prev() : null, in.deps().popNext() ? q.next() : null}) {
                if (from == null) {
                    continue;
                }
                int k = popped[from.ordinal()][q.ordinal()]++;
                List<Integer> ps = pushers.get(from.ordinal()).get(q.ordinal());
                if (k >= ps.size()) {
                    bad.add("instruction " + i + " pops " + from.tag() + " -> " + q.tag() + " token " + k + ", never pushed");
                    continue;
                }
                int p = ps.get(k);
                if (start[i] >= 0 && start[i] <= retire[p]) {
                    bad.add("instruction " + i + " (" + in.text() + ") started at " + start[i] + ", before instruction " + p
                            + " (" + ins.get(p).text() + ") pushed its " + from.tag() + " -> " + q.tag() + " token at " + retire[p]);
                }
            }
        }
        return bad;
    }

    /**
     * The compute queue's rule for instruction {@code i} behind the compute instructions
     * {@code before} (each started and retired; the starts' program order is checked apart): one
     * foreground instruction (not a GEMM) in flight, so every instruction, GEMMs included, starts
     * at or after the retire of the foreground instruction before it; at most
     * {@link SequencerConfig#GEMM_IN_FLIGHT} GEMMs in flight, so a GEMM starts at or after the
     * retire of the GEMM that many places back; an instruction with a push flag that is not a GEMM
     * starts at or after the retire of every earlier GEMM; and GEMMs retire in program order.
     */
    private void checkCompute(int i, List<Integer> before, List<String> bad) {
        List<Instruction> ins = program.instructions();
        Instruction in = ins.get(i);
        int fg = -1;
        List<Integer> gemms = new ArrayList<>();
        for (int j : before) {
            if (ins.get(j).opcode() != Opcode.GEMM) {
                fg = j;
            } else {
                gemms.add(j);
            }
        }
        if (fg >= 0 && start[i] < retire[fg]) {
            bad.add("compute instruction " + i + " (" + in.text() + ") started at " + start[i] + ", before the foreground "
                    + "instruction " + fg + " before it retired at " + retire[fg]);
        }
        boolean isGemm = in.opcode() == Opcode.GEMM;
        int n = SequencerConfig.GEMM_IN_FLIGHT;
        for (int x = 0; x < gemms.size(); x++) {
            int g = gemms.get(x);
            boolean waits = isGemm ? x <= gemms.size() - n : in.deps().pushPrev() || in.deps().pushNext();
            if (waits && start[i] < retire[g]) {
                bad.add("compute instruction " + i + " (" + in.text() + ") started at " + start[i] + ", before GEMM " + g
                        + " retired at " + retire[g]);
            }
        }
        if (isGemm && !gemms.isEmpty() && retire[i] < retire[gemms.get(gemms.size() - 1)]) {
            bad.add("GEMM " + i + " retired at " + retire[i] + ", before GEMM " + gemms.get(gemms.size() - 1) + " ahead of it");
        }
    }
}
