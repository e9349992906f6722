package sohu.verify.soc;

import sohu.core.compile.CoreConfig;
import sohu.core.isa.Gemm;
import sohu.core.isa.Instruction;
import sohu.core.isa.Program;

/**
 * A step's cycles on the RTL core as its counters tell them, split the way the array sees them;
 * the parts add up to {@code cycles}. Only {@code useful} is not a counter: it is the program's
 * ideal array cycles, {@code Σ M·K·N / (R·C)} over its GEMMs.
 *
 * @param cycles      counter {@code cycles}: the run's cycles (from the cycle after the start to done)
 * @param useful      ideal array cycles of the program's GEMMs
 * @param arrayBusy   counter {@code array_busy}: cycles a row of activations entered the array (padding included)
 * @param arrayCycles counter {@code array_cycles}: the GEMMs' cycles from start to done
 * @param computeBusy counter {@code compute_busy}: cycles the compute queue ran an instruction
 */
public record RtlStepCounters(long cycles, double useful, long arrayBusy, long arrayCycles, long computeBusy) {
    /** Names of the parts, in the order of {@link #parts()}. */
    public static final String[] NAMES = {"useful", "padding", "gemm_overhead", "other_compute", "waiting"};

    /** The counters of run {@code r} of {@code program} on {@code core}. */
    public static RtlStepCounters of(Program program, CoreConfig core, SohuCoreHarness.Run r) {
        return new RtlStepCounters(r.counter("cycles"), idealArrayCycles(program, core), r.counter("array_busy"),
                r.counter("array_cycles"), r.counter("compute_busy"));
    }

    /** {@code Σ M·K·N / (R·C)} over the program's GEMMs: the array cycles of its multiply-adds at full use. */
    public static double idealArrayCycles(Program program, CoreConfig core) {
        double macs = 0;
        for (Instruction i : program.instructions()) {
            if (i instanceof Gemm g) {
                macs += (double) g.cmd().m() * g.cmd().k() * g.cmd().n();
            }
        }
        return macs / ((double) core.rows() * core.cols());
    }

    /** Array utilization: ideal array cycles over the run's cycles. */
    public double utilization() {
        return cycles == 0 ? 0 : useful / cycles;
    }

    /** Rows that entered the array for edge padding (partial tiles), in whole-array cycles. */
    public double padding() {
        return arrayBusy - useful;
    }

    /** GEMM cycles without a row entering: command check, weight fill, drain and stalls. */
    public long gemmOverhead() {
        return arrayCycles - arrayBusy;
    }

    /** The compute queue's other instructions (vector, moves, scalar, syncs). */
    public long otherCompute() {
        return computeBusy - arrayCycles;
    }

    /** The compute queue idle: waiting for loads' or stores' tokens, the fetch and the issue. */
    public long waiting() {
        return cycles - computeBusy;
    }

    /** The parts in the order of {@link #NAMES}; they add up to {@code cycles}. */
    public double[] parts() {
        return new double[] {useful, padding(), gemmOverhead(), otherCompute(), waiting()};
    }
}
