/**
 * RTL generators of the vector unit's lanes, bit-identical to the golden models in
 * {@link sohu.core.xformer}: each unit takes one FP32 operand set per cycle ({@code in_valid}) and
 * returns its result a fixed number of cycles later ({@code out_valid}).
 */
package sohu.core.xformer.rtl;
