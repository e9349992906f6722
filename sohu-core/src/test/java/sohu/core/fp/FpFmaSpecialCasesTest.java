package sohu.core.fp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Hand-computed expectations (no oracle) for the IEEE corner cases of the golden FMA. */
class FpFmaSpecialCasesTest {

    private static final int NAN = 0x7FC00000;
    private static final int POS_ZERO = 0x00000000;
    private static final int NEG_ZERO = 0x80000000;
    private static final int POS_INF = 0x7F800000;
    private static final int NEG_INF = 0xFF800000;

    private static int fma(FpFormat f, double a, double b, double c) {
        return FpFma.fma(f, f.encode(a), f.encode(b), FpFormat.FP32.encode(c));
    }

    private static void assertBits(int expected, int actual) {
        assertEquals(String.format("0x%08X", expected), String.format("0x%08X", actual));
    }

    private static int bits(float f) {
        return Float.floatToRawIntBits(f);
    }

    @Test
    void signedZeros() {
        FpFormat f = FpFormat.BF16;
        assertBits(POS_ZERO, fma(f, 0.0, 1.0, -0.0));
        assertBits(NEG_ZERO, fma(f, -0.0, 1.0, -0.0));
        assertBits(NEG_ZERO, fma(f, 0.0, -1.0, -0.0));
        assertBits(POS_ZERO, fma(f, -0.0, -1.0, -0.0));
        assertBits(POS_ZERO, fma(f, -0.0, 1.0, 0.0));
        assertBits(POS_ZERO, fma(f, 1.0, 1.0, -1.0)); // exact cancellation is +0
        assertBits(POS_ZERO, fma(f, -1.0, 1.0, 1.0));
        assertBits(bits(-5f), fma(f, 0.0, 3.0, -5.0)); // zero product leaves c untouched
        assertBits(bits(-3f), fma(f, -1.0, 3.0, -0.0)); // zero c leaves the product
        assertBits(0x80000001, fma(FpFormat.FP32, -0.0, 1.0, -0x1p-149)); // subnormal c kept
    }

    @Test
    void infinitiesAndNaNs() {
        FpFormat f = FpFormat.FP16;
        double inf = Double.POSITIVE_INFINITY;
        assertBits(NAN, fma(f, inf, 0.0, 1.0));
        assertBits(NAN, fma(f, -0.0, inf, Double.NaN));
        assertBits(NAN, fma(f, inf, 1.0, -inf));
        assertBits(NAN, fma(f, -inf, -1.0, -inf));
        assertBits(POS_INF, fma(f, inf, 1.0, inf));
        assertBits(NEG_INF, fma(f, -inf, 2.0, 5.0));
        assertBits(NEG_INF, fma(f, 1.0, 1.0, -inf));
        assertBits(POS_INF, fma(f, 0.0, 0.0, inf));
        assertBits(NAN, FpFma.fma(f, 0x7E01, 0x3C00, 0)); // NaN payload not propagated
        assertBits(NAN, FpFma.fma(f, 0x3C00, 0x3C00, 0x7F800001)); // signalling NaN c
        assertBits(NAN, FpFma.fma(f, 0x3C00, 0x3C00, 0xFFC00000)); // negative NaN c
        assertBits(NAN, FpFma.fma(FpFormat.E4M3, 0xFF, 0x38, 0)); // E4M3 NaN (no infinities)
    }

    @Test
    void overflowAndUnderflow() {
        FpFormat bf = FpFormat.BF16;
        double max = bf.maxFinite();
        assertBits(POS_INF, fma(bf, max, max, 0.0));
        assertBits(NEG_INF, fma(bf, -max, max, Float.MAX_VALUE));
        assertBits(bits(65504f * 65504f), fma(FpFormat.FP16, 65504, 65504, 0));
        assertBits(bits(-448f * 448f), fma(FpFormat.E4M3, 448, -448, 0));

        assertBits(0x00400000, fma(bf, 0x1p-126, 0.5, 0.0)); // subnormal result
        assertBits(0x00000001, fma(bf, 0x1p-133, 0x1p-16, 0.0)); // min FP32 subnormal
        assertBits(POS_ZERO, fma(bf, 0x1p-133, 0x1p-17, 0.0)); // 2^-150: tie to even zero
        assertBits(NEG_ZERO, fma(bf, -0x1p-133, 0x1p-17, 0.0)); // rounds to zero, keeps its sign
        assertBits(0x00000001, fma(bf, 0x1.8p-132, 0x1p-18, 0.0)); // 0.75 × 2^-149 rounds up
        assertBits(0x00000002, fma(bf, 0x1.8p-132, 0x1p-17, 0.0)); // 1.5 × 2^-149: tie to even 2
        assertBits(0x00800000, fma(bf, 0x1p-126, 1.0, -0.0)); // min normal exact
        assertBits(0x00800000, fma(bf, 0x1p-133, 0x1p-16, 0x1.FFFFFCp-127)); // max subnormal + ulp = min normal
        assertBits(0x007FFFFF, fma(bf, 0x1p-126, 1.0, -0x1p-149)); // and back below it
    }

    @Test
    void roundingTiesAndSticky() {
        FpFormat f = FpFormat.FP16;
        assertBits(bits(1f), fma(f, 1, 1, 0x1p-24)); // tie, 1.0 is even
        assertBits(bits(1f + 0x1p-22f), fma(f, 1, 1, 0x1.8p-23)); // tie, odd neighbour goes up
        assertBits(bits(1f + 0x1p-23f), fma(f, 1, 1, 0x1.000002p-24)); // just above the tie
        // 1 - 2^-25 is the tie between 1 - 2^-24 and 1: goes to 1.0
        assertBits(bits(1f), fma(f, -0x1p-12, 0x1p-13, 1));
        // the product's bits far below the sum's LSB (sticky) push it under the tie
        assertBits(bits(Math.nextDown(1f)), fma(f, -0x1.004p-12, 0x1p-13, 1));
        // and over the tie when added
        assertBits(bits(1f + 0x1p-23f), fma(f, 0x1.004p-12, 0x1p-12, 1));
        // (1 + 2^-20)^2 - (1 + 2^-19): massive cancellation leaves the exact low bits
        assertBits(bits(0x1p-40f), fma(FpFormat.FP32, 1 + 0x1p-20, 1 + 0x1p-20, -(1 + 0x1p-19)));
    }

    /**
     * 419021 × 10496005 = 2^42 + 1: a product whose low bit lies 42 bits under its leading one, so
     * next to 2^66 (half an ulp is 2^42) the low bit falls out of the alignment window and only
     * the sticky bit tells "just above the tie" from "exactly the tie".
     */
    @Test
    void stickyBitDecidesTies() {
        FpFormat f = FpFormat.FP32;
        assertBits(bits(0x1.000002p66f), fma(f, 419021, 10496005, 0x1p66)); // above the tie: up
        // 2^66 + 2^44 - 2^42 - 1 is just under the tie 2^66 + 2^43 + 2^42: down, not to even
        assertBits(bits(0x1.000002p66f), fma(f, -419021, 10496005, 0x1.000004p66));
    }
}
