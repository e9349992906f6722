/**
 * Analytical performance model for transformer inference: exact parameter and FLOP counts of a
 * {@link sohu.core.perf.TransformerSpec}; a step model ({@link sohu.core.perf.ServerModel}) for a batch
 * that mixes prefill and decode tokens on a server laid out as tensor x pipeline x data parallel
 * ({@link sohu.core.perf.Parallelism}, enumerated by {@link sohu.core.perf.ParallelMode}) with an HBM
 * capacity check; hardware whose every constant carries its source ({@link sohu.core.perf.Fact});
 * a plain-text report ({@link sohu.core.perf.PerfReport}) that sets the model beside the Sohu
 * announcement ({@link sohu.core.perf.Announcement}) and published MLPerf results
 * ({@link sohu.core.perf.Mlperf}).
 *
 * <p>Units are SI throughout: FLOPs, bytes, seconds, FLOP/s, bytes/s (1 GB = 1e9 bytes).
 */
package sohu.core.perf;
