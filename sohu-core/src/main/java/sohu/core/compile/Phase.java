package sohu.core.compile;

/**
 * A named part of a compiled step: the instructions from {@code first} to the next phase's first
 * (or the program's end), e.g. {@code L0 q_proj}. Used to attribute cycles, not by the hardware.
 *
 * @param name  what the instructions compute
 * @param first index of its first instruction in the program
 */
public record Phase(String name, int first) { }
