/**
 * Analytical performance model for transformer inference: exact parameter and FLOP counts of a
 * {@link sohu.core.perf.TransformerSpec}, a roofline step model ({@link sohu.core.perf.Roofline})
 * for a batch that mixes prefill and decode tokens on n tensor-parallel chips, and a plain-text
 * report ({@link sohu.core.perf.PerfReport}) that sets the model beside the figures of the Sohu
 * announcement ({@link sohu.core.perf.Announcement}).
 *
 * <p>Units are SI throughout: FLOPs, bytes, seconds, FLOP/s, bytes/s (1 GB = 1e9 bytes).
 */
package sohu.core.perf;
