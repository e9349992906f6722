package sohu.core.compile;

/**
 * A self-contained compilation: the program, the HBM image it runs on (weights, empty KV cache,
 * the step's tables), and the layouts to find results in it.
 *
 * @param step   the program and the step's regions
 * @param image  the HBM image before the program runs
 * @param layout the fixed regions
 */
public record Compiled(StepProgram step, HbmImage image, HbmLayout layout) { }
