package sohu.core.compile;

import sohu.core.isa.Program;

/**
 * One compiled step: the program and where its regions are (the logits among them).
 *
 * @param program the instructions
 * @param step    the step's HBM regions
 */
public record StepProgram(Program program, StepLayout step) { }
