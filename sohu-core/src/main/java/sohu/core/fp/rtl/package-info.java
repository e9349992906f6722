/**
 * Register-transfer generators for the FMA tile and the format converters (issue 3), written in
 * the sohu hardware language and bit-identical to the golden model in {@link sohu.core.fp}.
 *
 * <ul>
 *   <li>{@link sohu.core.fp.rtl.FmaTile}: {@code a × b + c} (a, b in BF16, FP16, E4M3, E5M2 or
 *       FP32; c and the result FP32), one rounding, latency 1..4, one operation per cycle;
 *       {@link sohu.core.fp.rtl.FmaTop} is the entry point for {@code sohu generate fma}.
 *   <li>{@link sohu.core.fp.rtl.FmaWidths}: the narrow alignment window and every width,
 *       derived from the input format; {@link sohu.core.fp.rtl.FmaStage}: the pipeline cuts.
 *   <li>{@link sohu.core.fp.rtl.ConvertFp32Tile}: FP32 to a narrower format, RNE, saturating or
 *       not, latency 1.
 *   <li>{@link sohu.core.fp.rtl.LeadingZeroCount}: the priority-tree leading-zero counter both
 *       normalisations use.
 * </ul>
 */
package sohu.core.fp.rtl;
