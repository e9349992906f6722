/**
 * Bit-exact golden model of the accelerator's number formats and FMA tile (issue 3).
 *
 * <ul>
 *   <li>{@link sohu.core.fp.FpFormat}: FP32, BF16, FP16, OCP FP8 E4M3 and E5M2; decode, encode,
 *       classify.
 *   <li>{@link sohu.core.fp.FpFma}: {@code a × b + c} (a, b in an input format; c, result FP32),
 *       exact then one round-to-nearest-even, IEEE 754 specials, canonical NaN result.
 *   <li>{@link sohu.core.fp.FpConvert}: FP32 to narrower formats (RNE, saturating or not, as OCP
 *       OFP8) and exact widening back to FP32.
 *   <li>{@link sohu.core.fp.FpRounding}: the shared round-and-pack stage.
 * </ul>
 *
 * <p>Everything works on raw encodings held in {@code int}s, uses only integer arithmetic, and
 * allocates nothing on the FMA and conversion paths, so tests can run tens of millions of cases.
 */
package sohu.core.fp;
