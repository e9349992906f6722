package sohu.core.fp.rtl;

import sohu.core.fp.FpFormat;
import sohu.hdl.Types;

/**
 * Bit widths of the FMA datapath, derived from the input format (the addend and the result are
 * always FP32).
 *
 * <p>The addition happens in a window of {@link #window()} = K + 2 bits: the addend whose top
 * significand bit has the higher exponent ("big") is placed with that bit at window bit K, bit K+1
 * takes a carry, and the other addend ("small") is shifted right, every bit shifted out ORed into
 * bit 0 (sticky). With K = max(27, product width) the sum is exact whenever no bit is lost, and when
 * bits are lost the result's LSB lies at least two bits above the sticky bit, so rounding the jammed
 * sum gives the same result as rounding the exact one (the argument of
 * {@link sohu.core.fp.FpRounding#roundToNearestEven}):
 * <ul>
 *   <li>the product (inputs normalised, so its leading one is in its top two bits) as big: the
 *       small FP32 addend loses bits only when below 2^(T-2), so the sum is above 2^(T-2) and
 *       its LSB at T-25 or higher, T being the exponent of window bit K;
 *   <li>a normal FP32 addend as big: the product loses bits only when below 2^(T-1), so the
 *       result's LSB is at T-24 or higher;
 *   <li>a subnormal or zero FP32 addend as big: the result's LSB is the FP32 subnormal LSB, T-23;
 *   <li>the big addend's LSB is at window bit 1 or above, so it is even and the jammed and exact
 *       sums lie strictly between the same two even numbers.
 * </ul>
 * For 8- and 16-bit inputs this is a 29-bit window instead of the golden model's 64 bits.
 *
 * @param format input format of {@code a} and {@code b}
 * @param product width of the exact product of two significands, 2 × (mantissa bits + 1)
 * @param top K, the window position of the big addend's top significand bit
 * @param window K + 2, the width of the sum
 * @param stickyExtension bits below the window that the small addend's shifter keeps, so every
 *     bit shifted out reaches the sticky OR: the wider addend, max(24, product)
 * @param shift width of the alignment shift amount, which is clamped at K + 1
 * @param exponentDiff width of the signed difference of the two top exponents
 * @param topExponent width of the unsigned biased window exponent (T + 127)
 * @param leadingZeros width of the leading-zero count of the sum (0..window)
 */
public record FmaWidths(FpFormat format, int product, int top, int window, int stickyExtension, int shift,
                        int exponentDiff, int topExponent, int leadingZeros) {

    /** FP32 significand width, hidden bit included. */
    public static final int ACC_SIGNIFICAND = 24;

    /** The widths for an input format. */
    public static FmaWidths of(FpFormat f) {
        int product = 2 * (f.mantissaBits() + 1);
        int k = Math.max(27, product);
        int window = k + 2;
        int extension = Math.max(ACC_SIGNIFICAND, product);
        // Biased product top exponent, tp + 127 = ma + mb - za - zb + (128 - 2 bias), with ma, mb
        // the exponent fields (at least 1) and za, zb the normalisation shifts (up to M + 1 for 0).
        long fieldMax = (1L << f.exponentBits()) - 1;
        long tpMin = productTopOffset(f) + 2 - 2L * (f.mantissaBits() + 1);
        long tpMax = productTopOffset(f) + 2 * fieldMax;
        long dMin = tpMin - 255;
        long dMax = tpMax - 1;
        int diff = 1 + Types.bitsFor(Math.max(-dMin, dMax) + 1);
        int topExp = Types.bitsFor(Math.max(255, tpMax) + 1);
        return new FmaWidths(f, product, k, window, extension, Types.bitsFor(k + 2L), diff, topExp,
                Types.bitsFor(window + 1L));
    }

    /** The constant in the biased product top exponent: 128 - 2 × bias. */
    public static int productTopOffset(FpFormat f) {
        return 128 - 2 * f.bias();
    }
}
