package sohu.core.fp;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Random and edge-case triples for the 16-bit input formats (ten million each by default, 200
 * million with {@code -Dsohu.long=true}) and for FP32 inputs. Inputs mix uniform random encodings,
 * edge encodings (zeros, subnormal and normal extremes, infinities, NaNs, 1.0 and neighbours) and
 * values near 1.0; a sixth of the pairs target products at the FP32 underflow or overflow edge.
 * Addends are mostly built near {@code -a×b} for cancellation and at the product's rounding
 * position for ties and sticky bits. Oracle: {@link Math#fma(float, float, float)}.
 */
class FpFmaRandomTest {

    private static final boolean LONG_RUN = Boolean.getBoolean("sohu.long");

    @ParameterizedTest
    @EnumSource(value = FpFormat.class, names = {"BF16", "FP16", "FP32"})
    void randomTriplesAgainstMathFma(FpFormat f) {
        long count = f == FpFormat.FP32
                ? (LONG_RUN ? 50_000_000L : 2_000_000L)
                : (LONG_RUN ? 200_000_000L : 10_000_000L);
        float[] table = f == FpFormat.FP32 ? null : ReferenceFormats.table(f);
        long seed = 0x5047_0003L * (f.ordinal() + 1);
        SplittableRandom random = new SplittableRandom(seed);
        Inputs inputs = new Inputs(f);
        FmaChecker checker = new FmaChecker(f, "random " + f + " seed " + seed);
        for (long i = 0; i < count; i++) {
            int a = inputs.operand(random);
            int b = random.nextInt(6) == 0 ? inputs.partnerAtFp32Edge(a, random) : inputs.operand(random);
            float wa = table == null ? Float.intBitsToFloat(a) : table[a];
            float wb = table == null ? Float.intBitsToFloat(b) : table[b];
            checker.check(a, b, wa, wb, addend((double) wa * wb, random)); // product exact in double
        }
        checker.assertNoMismatch(count);
    }

    /**
     * FP32 factor pairs whose product is 2^k + 1 (k = 38, 42, 46): the low bit lies so far under
     * the leading one that, next to an addend rounding at the leading one, it only survives
     * alignment as the sticky bit. Random 16-bit and FP32 operands practically never do this.
     */
    private static final int[][] SPARSE_FACTORS = {{104653, 2626565}, {419021, 10496005}, {8384513, 8392705}};

    @Test
    void sparseFp32ProductsExerciseTheStickyBit() {
        SplittableRandom random = new SplittableRandom(0x571C);
        FmaChecker checker = new FmaChecker(FpFormat.FP32, "sparse FP32 products");
        long count = LONG_RUN ? 20_000_000L : 500_000L;
        for (long i = 0; i < count; i++) {
            int[] pair = SPARSE_FACTORS[random.nextInt(SPARSE_FACTORS.length)];
            float a = Math.scalb((float) pair[0], random.nextInt(-40, 20)) * (random.nextBoolean() ? 1 : -1);
            float b = Math.scalb((float) pair[1], random.nextInt(-40, 20)) * (random.nextBoolean() ? 1 : -1);
            double p = (double) a * b; // exact
            // Addend whose ulp is 2^22..2^26 times the product's leading one, mantissa mostly even/odd edges.
            int exponent = Math.getExponent(p) + random.nextInt(22, 27);
            float mantissa = 1 + random.nextInt(-2, 3) * 0x1p-23f + (random.nextBoolean() ? 0 : 0.5f);
            float c = Math.scalb(mantissa, exponent) * (random.nextBoolean() ? 1 : -1);
            checker.check(Float.floatToRawIntBits(a), Float.floatToRawIntBits(b), a, b, Float.floatToRawIntBits(c));
        }
        checker.assertNoMismatch(count);
    }

    /** Operand generator for one input format. */
    private static final class Inputs {
        private final FpFormat f;
        private final int widthMask;
        private final int[] edges;

        Inputs(FpFormat f) {
            this.f = f;
            this.widthMask = f.width() == 32 ? -1 : (1 << f.width()) - 1;
            int m = f.mantissaBits();
            int one = f.bias() << m;
            int inf = f.hasInfinity() ? f.infinityBits() : f.canonicalNaN();
            this.edges = new int[] {
                0, 1, 2, (1 << m) - 1, 1 << m, (1 << m) | 1, f.maxFiniteBits(), f.maxFiniteBits() - 1,
                inf, f.canonicalNaN(), widthMask >>> 1, one, one + 1, one - 1, (f.bias() + 1) << m,
            };
        }

        int operand(SplittableRandom r) {
            int kind = r.nextInt(8);
            int sign = r.nextBoolean() ? f.signMask() : 0;
            if (kind < 4) {
                return r.nextInt() & widthMask;
            }
            if (kind < 6) {
                return edges[r.nextInt(edges.length)] | sign;
            }
            int field = f.bias() + r.nextInt(-4, 5); // near 1.0: products and addends of similar size
            return sign | field << f.mantissaBits() | (r.nextInt() & ((1 << f.mantissaBits()) - 1));
        }

        /** A finite b such that a × b lands near FP32's subnormal range or its overflow threshold. */
        int partnerAtFp32Edge(int a, SplittableRandom r) {
            int target = r.nextBoolean() ? r.nextInt(-152, -120) : r.nextInt(124, 130);
            int field = target - (f.exponentField(a) - f.bias()) + f.bias();
            if (field < 1 || field >= (1 << f.exponentBits()) - 1) {
                return operand(r);
            }
            int sign = r.nextBoolean() ? f.signMask() : 0;
            return sign | field << f.mantissaBits() | (r.nextInt() & ((1 << f.mantissaBits()) - 1));
        }
    }

    /** An FP32 addend for the exact product {@code p}. */
    private static int addend(double p, SplittableRandom r) {
        int kind = r.nextInt(16);
        float q = (float) -p;
        boolean usable = Float.isFinite(q) && q != 0;
        if (kind < 3 || !usable && kind < 14) {
            return r.nextInt();
        }
        switch (kind) {
            case 3:
                return FpFmaEdgeAddends.pick(r);
            case 4: case 5: case 6: case 7: case 8: // -p rounded, then a few ulps away
                return Float.floatToRawIntBits(q) + r.nextInt(-3, 4);
            case 9: case 10: // at the product's rounding position: ties and sticky bits
                return Float.floatToRawIntBits((float) Math.scalb(r.nextBoolean() ? p : -p, -r.nextInt(22, 28)));
            case 11: // -p plus a small part: heavy cancellation with low bits left over
                return Float.floatToRawIntBits((float) (-p + Math.scalb(p, -r.nextInt(18, 40))));
            case 12: case 13: { // random significand, exponent near the product's
                int exponent = Math.getExponent(q) + r.nextInt(-30, 31);
                float mantissa = 1 + (r.nextInt() >>> 9) * 0x1p-23f;
                return Float.floatToRawIntBits(Math.scalb(mantissa, exponent) * (r.nextBoolean() ? 1 : -1));
            }
            case 14: // -p with its low bits scrambled: partial cancellation
                return Float.floatToRawIntBits(q) ^ (r.nextInt() & ((1 << r.nextInt(1, 16)) - 1));
            default:
                return r.nextBoolean() ? 0 : 0x80000000;
        }
    }
}
