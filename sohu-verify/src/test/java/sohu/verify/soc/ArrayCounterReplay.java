package sohu.verify.soc;

import sohu.core.array.EngineTiming;
import sohu.core.compile.CoreConfig;
import sohu.core.isa.Gemm;
import sohu.core.isa.Instruction;
import sohu.core.isa.Program;

/** The matrix engine's counters over a program's GEMMs, from the cycles the RTL started them. */
final class ArrayCounterReplay {
    private ArrayCounterReplay() {
    }

    /** Rows in ({@code array_busy}): each command's, added up. */
    static long busy(Program p, CoreConfig core) {
        long busy = 0;
        for (Instruction i : p.instructions()) {
            if (i instanceof Gemm g) {
                busy += EngineTiming.predict(core.arrayConfig(), g.cmd()).busy();
            }
        }
        return busy;
    }

    /**
     * Cycles the engine was busy ({@code array_cycles}): the union of each command's cycles from the
     * one after its start to the one before its retire, as {@link EngineTiming.Schedule} times the
     * commands from their starts (a command taken while the previous one drains overlaps it).
     */
    static long cycles(Program p, CoreConfig core, long[] start) {
        EngineTiming.Schedule s = new EngineTiming.Schedule(core.arrayConfig());
        long total = 0;
        long covered = Long.MIN_VALUE;
        for (int i = 0; i < p.instructions().size(); i++) {
            if (p.instructions().get(i) instanceof Gemm g) {
                EngineTiming.Timing t = s.take(g.cmd(), start[i]);
                long from = Math.max(t.accept() + 1, covered);
                total += Math.max(0, t.retire() - from);
                covered = Math.max(covered, t.retire());
            }
        }
        return total;
    }
}
