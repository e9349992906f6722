package sohu.verify.fp;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.SplittableRandom;
import sohu.core.fp.FpFormat;

/**
 * Operand patterns in the manner of TestFloat: zeros, the smallest and largest subnormals and
 * normals, values around one and two (carries across a binade), extreme exponents whose products
 * under- or overflow FP32, infinities and NaNs, both signs; and addends derived from a product
 * (exact and inexact cancellation, alignment edges, ties).
 */
public final class FpPatterns {
    private FpPatterns() {
    }

    /** Boundary encodings of {@code f}, both signs, without duplicates. */
    public static int[] boundary(FpFormat f) {
        int m = f.mantissaBits();
        int mantMask = (1 << m) - 1;
        int bias = f.bias();
        Set<Integer> mags = new LinkedHashSet<>();
        mags.add(0);
        mags.add(1);
        mags.add(2);
        mags.add(mantMask >> 1);
        mags.add(mantMask);                       // largest subnormal
        mags.add(1 << m);                         // smallest normal
        mags.add((1 << m) | 1);
        mags.add((1 << m) | mantMask);
        mags.add(((bias - 1) << m) | mantMask);   // just below one
        mags.add(bias << m);                      // one
        mags.add((bias << m) | 1);
        mags.add((bias << m) | (1 << (m - 1)));   // 1.5
        mags.add((bias << m) | mantMask);         // just below two
        mags.add((bias + 1) << m);
        mags.add(((bias + m / 2) << m) | (0x5555 & mantMask));
        mags.add(((bias - m) << m) | (0x2AAA & mantMask));
        mags.add(f.maxFiniteBits() - 1);
        mags.add(f.maxFiniteBits());
        // Exponents whose squares land at FP32's underflow (2^-150, 2^-149) and overflow (2^128).
        for (int e : new int[] {-76, -75, -74, -63, 63, 64}) {
            int field = e + bias;
            if (field >= 1 && (field << m) <= f.maxFiniteBits()) {
                mags.add(field << m);
                mags.add((field << m) | (1 << (m - 1)));
                mags.add((field << m) | mantMask);
            }
        }
        if (f.hasInfinity()) {
            mags.add(f.infinityBits());
            mags.add(f.infinityBits() | 1);       // signalling NaN
        }
        mags.add(f.canonicalNaN());
        Set<Integer> out = new LinkedHashSet<>();
        for (int v : mags) {
            out.add(v);
            out.add(v | f.signMask());
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Addends derived from a finite nonzero FP32 product {@code p}: exact cancellation, one ulp
     * either side, values at and around the alignment window's edges and far outside it, and a
     * random value near p.
     */
    public static int productRelative(int p, SplittableRandom r, int[] into, int at) {
        float pf = Float.intBitsToFloat(p);
        int n = at;
        into[n++] = p ^ 0x80000000;                                              // exact cancellation
        into[n++] = Float.floatToRawIntBits(-Math.nextUp(pf));                   // inexact, one ulp
        into[n++] = Float.floatToRawIntBits(-Math.nextDown(pf));
        into[n++] = Float.floatToRawIntBits(Math.scalb(pf, -(24 + r.nextInt(6))) * (r.nextBoolean() ? 1 : -1));
        into[n++] = Float.floatToRawIntBits(Math.scalb(pf, 24 + r.nextInt(6)) * (r.nextBoolean() ? 1 : -1));
        into[n++] = Float.floatToRawIntBits(Math.scalb(pf, -60));
        into[n++] = near(p, r, 3);
        return n - at;
    }

    /**
     * A random addend for {@code a × b}: a random encoding one time in four, the product's exact
     * negation one time in eight, otherwise a random value within one or within 30 binades of the
     * product (where alignment, cancellation and rounding ties happen).
     */
    public static int randomAddend(FpFormat f, int a, int b, SplittableRandom r) {
        int kind = r.nextInt(8);
        if (kind < 2) {
            return r.nextInt();
        }
        int p = sohu.core.fp.FpFma.fma(f, a, b, 0);
        if (!Float.isFinite(Float.intBitsToFloat(p)) || (p & 0x7FFFFFFF) == 0) {
            return r.nextInt();
        }
        if (kind == 2) {
            return p ^ 0x80000000;
        }
        return near(p, r, kind == 3 ? 1 : 30);
    }

    /** A random FP32 value within {@code spread} binades of {@code p}, random sign and mantissa. */
    public static int near(int p, SplittableRandom r, int spread) {
        int field = (p >>> 23) & 0xFF;
        int e = Math.max(0, Math.min(254, field + r.nextInt(2 * spread + 1) - spread));
        return (r.nextInt(2) << 31) | (e << 23) | (r.nextInt() & 0x7FFFFF);
    }
}
