/**
 * The vector unit of the transformer datapath: everything in a decoder layer that is not a matrix
 * product (softmax, RMSNorm, SiLU/SwiGLU, RoPE, residual adds, conversion to the narrow formats).
 *
 * <p>Every operation has a golden model here that describes the hardware bit for bit: FP32 adds and
 * multiplies are the FMA tile's ({@link sohu.core.fp.FpFma}, one rounding each), the nonlinear
 * functions use fixed tables, fixed polynomials and fixed Newton-Raphson counts, and every rounding
 * point is named. {@link sohu.core.xformer.Accuracy} measures each model against double precision.
 */
package sohu.core.xformer;
