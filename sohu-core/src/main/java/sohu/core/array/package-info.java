/**
 * The matrix engine: a weight-stationary systolic array of FMA tiles that computes
 * {@code C = A·W (+ C)} for any M×K×N.
 *
 * <ul>
 *   <li>{@link sohu.core.array.MatrixEngine}: the top (scratchpads, skew, host port), with
 *       {@link sohu.core.array.MatrixEngine#elaborate(ArrayConfig)} for the CLI;</li>
 *   <li>{@link sohu.core.array.PeArray} and {@link sohu.core.array.ArrayPe}: the R×C grid and its
 *       processing element (an {@code FmaTile} and two weight registers);</li>
 *   <li>{@link sohu.core.array.EngineController}: command check, tile schedule, counters;</li>
 *   <li>{@link sohu.core.array.GemmCommand} (command and scratchpad layout),
 *       {@link sohu.core.array.EngineStatus}, {@link sohu.core.array.ArrayConfig};</li>
 *   <li>{@link sohu.core.array.GemmGolden}: the bit-exact golden model, and
 *       {@link sohu.core.array.EngineTiming}: the cycle-exact model of the schedule and counters.</li>
 * </ul>
 */
package sohu.core.array;
