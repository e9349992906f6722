/**
 * The instruction set of one SohuCore (docs/ISA.md): 128-bit instructions for three decoupled
 * queues (load, compute, store) with VTA-style dependency tokens. {@link sohu.core.isa.Program}
 * encodes, decodes and dumps programs; the compiler ({@code sohu.core.compile}) is their producer
 * and the golden simulator ({@code sohu.core.golden}) their reference interpreter.
 */
package sohu.core.isa;
