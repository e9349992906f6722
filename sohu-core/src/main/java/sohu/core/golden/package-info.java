/**
 * The golden engine: {@link sohu.core.golden.GoldenSimulator} interprets ISA programs with the
 * blocks' bit-exact golden models and a cycle estimate, and {@link sohu.core.golden.GoldenEngine}
 * runs a model step by step through the compiler and the simulator.
 */
package sohu.core.golden;
