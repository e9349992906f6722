package sohu.core.golden;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import sohu.core.array.GemmCommand;
import sohu.core.compile.CoreConfig;
import sohu.core.compile.Phase;
import sohu.core.compile.StepProgram;
import sohu.core.isa.Gemm;
import sohu.core.isa.Instruction;
import sohu.core.isa.IssueQueue;

/**
 * Where the cycles of a window of a program go, seen from the compute queue (the one that feeds the
 * array): every cycle of the window is either array work, another compute instruction, or a gap in
 * which the compute queue waited for a token. A window is a run of consecutive phases (e.g. one
 * layer); it spans from the first start of its instructions in any queue (or the end of the
 * compute queue's earlier work, if later) to the last end.
 *
 * @param cycles the window's length
 * @param rows   per phase, its cycles by {@link Kind} (they add up to {@code cycles})
 */
public record CycleBreakdown(long cycles, List<Row> rows) {
    /** What a cycle of the compute queue's timeline was spent on. */
    public enum Kind {
        /** Ideal array cycles of the GEMMs, {@code M·K·N / (R·C)}. */
        ARRAY("array busy"),
        /** The rest of each GEMM: command check, weight fill, drain, stalls and edge padding. */
        FILL_DRAIN("array fill/drain"),
        /** VECTOR instructions. */
        VECTOR("vector unit"),
        /** MOVE instructions (accumulator to vector memory). */
        MOVE("move"),
        /** SCALAR instructions. */
        SCALAR("scalar"),
        /** Waiting for a load's token (the data was not on chip yet). */
        DMA_WAIT("DMA load wait"),
        /** Waiting for a store's token (an output slot still being written out). */
        STORE_WAIT("store wait"),
        /** Compute SYNCs and the waits before them (barriers between phases). */
        BARRIER("barriers"),
        /** After the window's last compute instruction: the last stores. */
        TAIL("store tail");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** A short column name. */
        public String label() {
            return label;
        }
    }

    /**
     * One phase's share of the window.
     *
     * @param phase  the phase name
     * @param cycles its cycles by kind
     */
    public record Row(String phase, Map<Kind, Long> cycles) {
        /** Copies the map. */
        public Row {
            cycles = new EnumMap<>(cycles);
        }

        /** Cycles of one kind. */
        public long get(Kind k) {
            return cycles.getOrDefault(k, 0L);
        }

        /** All cycles of the phase. */
        public long total() {
            return cycles.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The total of one kind over the window. */
    public long total(Kind k) {
        return rows.stream().mapToLong(r -> r.get(k)).sum();
    }

    /** Array busy cycles over the window's cycles. */
    public double utilization() {
        return cycles == 0 ? 0 : (double) total(Kind.ARRAY) / cycles;
    }

    /**
     * The breakdown of the phases {@code from .. to-1} of {@code step}, as run in {@code r}.
     *
     * @throws IllegalArgumentException for an empty range
     */
    public static CycleBreakdown of(StepProgram step, SimResult r, CoreConfig core, int from, int to) {
        if (from < 0 || to > step.phases().size() || from >= to) {
            throw new IllegalArgumentException("phases " + from + ".." + (to - 1) + " outside 0.." + (step.phases().size() - 1));
        }
        List<Instruction> ins = step.program().instructions();
        int first = step.phases().get(from).first();
        int last = step.phaseEnd(to - 1);
        long begin = Long.MAX_VALUE;
        long finish = 0;
        for (int i = first; i < last; i++) {
            begin = Math.min(begin, r.start()[i]);
            finish = Math.max(finish, r.end()[i]);
        }
        long prevEnd = begin;
        for (int i = 0; i < first; i++) {
            if (ins.get(i).queue() == IssueQueue.COMPUTE) {
                prevEnd = Math.max(prevEnd, r.end()[i]);
            }
        }
        begin = prevEnd;   // while the compute queue still runs earlier phases, the cycles are theirs
        long computeEnd = prevEnd;
        List<Row> rows = new ArrayList<>();
        for (int p = from; p < to; p++) {
            Phase ph = step.phases().get(p);
            Map<Kind, Long> m = new EnumMap<>(Kind.class);
            for (int i = ph.first(); i < step.phaseEnd(p); i++) {
                Instruction in = ins.get(i);
                if (in.queue() != IssueQueue.COMPUTE) {
                    continue;
                }
                long gap = Math.max(0, r.start()[i] - prevEnd);
                add(m, gapKind(in, r.waitedFor()[i]), gap);
                // only what is not hidden behind a background GEMM (a GEMM itself starts after everything before it)
                long d = Math.max(0, r.end()[i] - Math.max(r.start()[i], prevEnd));
                switch (in.opcode()) {
                    case GEMM -> {
                        GemmCommand c = ((Gemm) in).cmd();
                        long ideal = Math.round((double) c.m() * c.k() * c.n() / ((double) core.rows() * core.cols()));
                        add(m, Kind.ARRAY, Math.min(ideal, d));
                        add(m, Kind.FILL_DRAIN, d - Math.min(ideal, d));
                    }
                    case VECTOR -> add(m, Kind.VECTOR, d);
                    case MOVE -> add(m, Kind.MOVE, d);
                    case SCALAR -> add(m, Kind.SCALAR, d);
                    default -> add(m, Kind.BARRIER, d);
                }
                prevEnd = Math.max(prevEnd, r.end()[i]);
                computeEnd = prevEnd;
            }
            if (p == to - 1) {
                add(m, Kind.TAIL, Math.max(0, finish - computeEnd));
            }
            rows.add(new Row(ph.name(), m));
        }
        return new CycleBreakdown(finish - begin, List.copyOf(rows));
    }

    private static Kind gapKind(Instruction in, byte waitedFor) {
        if (in.opcode() == sohu.core.isa.Opcode.SYNC) {
            return Kind.BARRIER;
        }
        return waitedFor == IssueQueue.STORE.ordinal() ? Kind.STORE_WAIT : Kind.DMA_WAIT;
    }

    private static void add(Map<Kind, Long> m, Kind k, long v) {
        if (v != 0) {
            m.merge(k, v, Long::sum);
        }
    }
}
