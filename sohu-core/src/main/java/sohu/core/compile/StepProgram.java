package sohu.core.compile;

import java.util.List;
import sohu.core.isa.Program;

/**
 * One compiled step: the program, where its regions are (the logits among them) and its phases.
 *
 * @param program the instructions
 * @param step    the step's HBM regions
 * @param phases  the named parts of the program, in program order (the first starts at 0)
 */
public record StepProgram(Program program, StepLayout step, List<Phase> phases) {
    /** Copies the phases. */
    public StepProgram {
        phases = List.copyOf(phases);
    }

    /** A step without phase names (one phase, {@code step}). */
    public StepProgram(Program program, StepLayout step) {
        this(program, step, List.of(new Phase("step", 0)));
    }

    /** The index one past the last instruction of phase {@code i}. */
    public int phaseEnd(int i) {
        return i + 1 < phases.size() ? phases.get(i + 1).first() : program.size();
    }
}
