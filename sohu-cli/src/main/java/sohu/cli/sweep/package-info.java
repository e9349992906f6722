/**
 * {@code sohu sweep}: design-space sweeps of the matrix engine.
 *
 * <h2>Grid</h2>
 * From the command line, the cross product of {@code --rows}, {@code --cols} (square arrays when
 * absent or with {@code --square}), {@code --format} and {@code --latency}, in that nesting order
 * (latency varies fastest); or from a file ({@code --grid}, see {@link sohu.cli.sweep.GridFile}).
 * A point's 0-based position in the grid is its {@code index}; {@code --shard i/n} (i from 1) runs
 * the points whose index is {@code i-1} modulo n ({@link sohu.cli.sweep.Shard}).
 *
 * <h2>One point</h2>
 * {@link sohu.cli.sweep.PointEvaluator}; the real one, {@link sohu.cli.sweep.EngineEvaluator},
 * generates the engine with scratchpads sized for the reference GEMM
 * ({@link sohu.cli.sweep.ReferenceGemm}: M = 8R, K = 2R, N = 2C), lints it, synthesizes it with
 * Yosys {@code synth} (up to {@code --synth-max-pes}), runs the GEMM in Verilator (cycles from the
 * engine's counter, result checked bit for bit), and predicts tokens/s
 * ({@link sohu.cli.sweep.Throughput}).
 *
 * <h2>Output folder</h2>
 * {@code points/<key>.csv} per finished point (atomic; a restart skips them), {@code work/<key>/}
 * (RTL, lint.log, yosys_generic/), {@code sweep.csv} and {@code area.png}, {@code utilization.png},
 * {@code tokens.png}. {@code sweep merge} joins folders.
 *
 * <h2>CSV columns</h2>
 * ({@link sohu.cli.sweep.ResultCsv}; empty when a step did not run)
 * <pre>
 * index               position in the full grid (0-based)
 * key                 RxC_format_lL, e.g. 8x8_bf16_l3
 * rows, cols, pes     array shape, pes = rows·cols
 * format, latency     input format, FMA latency (cycles)
 * status              ok | failed (lint warnings, tool error or result mismatch; see note)
 * lint_warnings       warnings of verilator --lint-only -Wall (must be 0)
 * synth               done | skipped (above --synth-max-pes) | off (--no-synth) | failed
 * cells, flip_flops   Yosys generic cells and flip-flops of the whole engine (scratchpads included)
 * array_cells, array_flip_flops   the same for the R×C processing-element grid alone
 * gemm_m, gemm_k, gemm_n          the reference GEMM
 * cycles              engine cycles from start to done (its perf_cycles counter)
 * utilization         M·K·N / (R·C·cycles), 6 decimals
 * gemm_check          exact | mismatch against the golden model
 * clock_mhz, arrays, peak_tflops  the modelled chip: clock, floor(--macs / pes) arrays, peak TFLOP/s
 * tokens_per_s, output_tokens_per_s  8-chip server, Llama-3-70B, default batch (1 decimal)
 * top                 generated top module (encodes the scratchpad depths)
 * note                why something was skipped or failed
 * </pre>
 */
package sohu.cli.sweep;
