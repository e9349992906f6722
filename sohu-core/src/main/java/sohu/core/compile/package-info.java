/**
 * The compiler from a model, its weights and a batch to an ISA program and its HBM image
 * ({@link sohu.core.compile.ModelCompiler}), with the core's parameters
 * ({@link sohu.core.compile.CoreConfig}), the HBM map ({@link sohu.core.compile.HbmLayout},
 * {@link sohu.core.compile.StepLayout}) and the host's KV-cache bookkeeping
 * ({@link sohu.core.compile.KvState}).
 */
package sohu.core.compile;
