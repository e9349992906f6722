package sohu.core.xformer;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntUnaryOperator;
import sohu.core.fp.FpFormat;
import sohu.core.fp.FpRounding;
import sohu.core.fp.FpValue;
import sohu.core.fp.Saturation;

/**
 * Measures the golden models against double precision ({@link StrictMath}): ULP statistics of the
 * scalar functions over random inputs and over a strided sweep of every FP32 value in the relevant
 * range, the fraction of results whose BF16 conversion is the correctly rounded BF16 of the exact
 * value, and the relative error of softmax and RMSNorm rows. Deterministic (fixed seeds).
 */
public final class Accuracy {
    private Accuracy() {
    }

    /** A scalar function: the golden model, the reference and the FP32 input range that matters. */
    public enum Function {
        /** {@code e^x} over {@code [-104, 89]} (beyond: 0 or ∞). */
        EXP(Exp::exp, StrictMath::exp, -104, 89),
        /** {@code 1/x} over every positive finite FP32 (the sign is a wire). */
        RECIPROCAL(Reciprocal::reciprocal, x -> 1.0 / x, 0x1p-149, Float.MAX_VALUE),
        /** {@code 1/√x} over every positive finite FP32. */
        RSQRT(Rsqrt::rsqrt, x -> 1.0 / StrictMath.sqrt(x), 0x1p-149, Float.MAX_VALUE),
        /** SiLU over {@code [-110, 110]} (beyond: 0 or x). */
        SILU(Silu::silu, x -> x / (1.0 + StrictMath.exp(-x)), -110, 110);

        private final IntUnaryOperator model;
        private final DoubleUnaryOperator reference;
        private final double low;
        private final double high;

        Function(IntUnaryOperator model, DoubleUnaryOperator reference, double low, double high) {
            this.model = model;
            this.reference = reference;
            this.low = low;
            this.high = high;
        }

        /** The golden model on an FP32 encoding. */
        public int model(int x) {
            return model.applyAsInt(x);
        }

        /** The double-precision reference at the exact value of {@code x}. */
        public double reference(int x) {
            return reference.applyAsDouble(Fp32.value(x));
        }
    }

    /**
     * Statistics of one function over one input set.
     *
     * @param count inputs measured
     * @param maxUlp largest error in ULP
     * @param meanUlp mean error in ULP
     * @param worstInput the FP32 input of the largest error
     * @param bf16CorrectlyRounded fraction whose BF16 conversion is the correctly rounded BF16
     */
    public record Stats(long count, double maxUlp, double meanUlp, int worstInput, double bf16CorrectlyRounded) { }

    /** Accumulates {@link Stats}. */
    private static final class Tally {
        private long count;
        private long bf16Correct;
        private double max = -1;
        private double total;
        private int worst;

        void add(Function f, int x) {
            int r = f.model(x);
            double ref = f.reference(x);
            double e = UlpError.of(r, ref);
            count++;
            total += e;
            if (e > max) {
                max = e;
                worst = x;
            }
            if (RowConvert.convert(r, FpFormat.BF16) == bf16Nearest(ref)) {
                bf16Correct++;
            }
        }

        Stats stats() {
            return new Stats(count, max, total / count, worst, (double) bf16Correct / count);
        }
    }

    /** {@code n} inputs uniform in the function's range (log-uniform for the positive-only ones). */
    public static Stats random(Function f, int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Tally t = new Tally();
        for (int i = 0; i < n; i++) {
            t.add(f, randomInput(f, rnd));
        }
        return t.stats();
    }

    private static int randomInput(Function f, SplittableRandom rnd) {
        if (f.low > 0) {
            // Every positive finite encoding is equally likely: exponents spread over the range.
            return rnd.nextInt(1, 0x7F800000);
        }
        return Fp32.of(f.low + (f.high - f.low) * rnd.nextDouble());
    }

    /**
     * Every {@code stride}-th FP32 encoding of the function's range (both signs where the range
     * spans zero), ordered by value.
     */
    public static Stats sweep(Function f, int stride) {
        Tally t = new Tally();
        if (f.low < 0) {
            sweepMagnitudes(f, t, stride, Fp32.of(-f.low) | Fp32.NEG_ZERO, true);
        }
        sweepMagnitudes(f, t, stride, Fp32.of(f.high), false);
        return t.stats();
    }

    private static void sweepMagnitudes(Function f, Tally t, int stride, int limit, boolean negative) {
        int top = limit & 0x7FFFFFFF;
        for (long m = 0; m <= top; m += stride) {
            t.add(f, (int) m | (negative ? Fp32.NEG_ZERO : 0));
        }
    }

    /**
     * Relative error of rows.
     *
     * @param rows rows measured
     * @param maxElement largest {@code |y - ref| / |ref|} over all elements
     * @param maxRow largest {@code Σ|y - ref| / Σ|ref|} over the rows
     * @param meanBf16 mean {@code |bf16(y) - ref| / |ref|} over the nonzero references (the output
     *     converted to BF16 as the unit writes it; SoftEx's figure of merit)
     * @param bf16Correct share of elements whose BF16 is the correctly rounded BF16 of the reference
     */
    public record RowStats(int rows, double maxElement, double maxRow, double meanBf16, double bf16Correct) { }

    /**
     * Softmax rows of {@code length} scores drawn from a normal distribution of standard deviation
     * {@code sigma}, against softmax in double precision.
     */
    public static RowStats softmax(int rows, int length, double sigma, int lanes, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        RowTally t = new RowTally();
        for (int r = 0; r < rows; r++) {
            int[] s = new int[length];
            for (int i = 0; i < length; i++) {
                s[i] = Fp32.of(sigma * gaussian(rnd));
            }
            int[] y = Softmax.row(s, lanes);
            double m = Double.NEGATIVE_INFINITY;
            for (int v : s) {
                m = Math.max(m, Fp32.value(v));
            }
            double[] ref = new double[length];
            double sum = 0;
            for (int i = 0; i < length; i++) {
                ref[i] = StrictMath.exp(Fp32.value(s[i]) - m);
                sum += ref[i];
            }
            for (int i = 0; i < length; i++) {
                ref[i] /= sum;
            }
            t.add(y, ref);
        }
        return t.stats();
    }

    /** RMSNorm rows of {@code length} normal inputs with gains in [0.5, 1.5), ε = 1e-5. */
    public static RowStats rmsNorm(int rows, int length, int lanes, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        RowTally t = new RowTally();
        int eps = Fp32.of(1e-5);
        for (int r = 0; r < rows; r++) {
            int[] x = new int[length];
            int[] g = new int[length];
            double ss = 0;
            for (int i = 0; i < length; i++) {
                x[i] = Fp32.of(gaussian(rnd));
                g[i] = Fp32.of(0.5 + rnd.nextDouble());
                ss += Fp32.value(x[i]) * Fp32.value(x[i]);
            }
            double scale = 1.0 / StrictMath.sqrt(ss / length + Fp32.value(eps));
            double[] ref = new double[length];
            for (int i = 0; i < length; i++) {
                ref[i] = Fp32.value(x[i]) * scale * Fp32.value(g[i]);
            }
            t.add(RmsNorm.normalize(x, g, eps, lanes), ref);
        }
        return t.stats();
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box-Muller on the deterministic generator (java.util.Random's gaussian is not splittable).
        double u = 1.0 - rnd.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * Math.PI * rnd.nextDouble());
    }

    /** Accumulates {@link RowStats}. */
    private static final class RowTally {
        private int rows;
        private double maxElement;
        private double maxRow;
        private double bf16RelSum;
        private long nonzero;
        private long elements;
        private long bf16Correct;

        void add(int[] y, double[] ref) {
            double err = 0;
            double norm = 0;
            for (int i = 0; i < y.length; i++) {
                double d = Math.abs(Fp32.value(y[i]) - ref[i]);
                err += d;
                norm += Math.abs(ref[i]);
                int b = RowConvert.convert(y[i], FpFormat.BF16);
                if (ref[i] != 0) {
                    maxElement = Math.max(maxElement, d / Math.abs(ref[i]));
                    bf16RelSum += Math.abs(Fp32.value(b << 16) - ref[i]) / Math.abs(ref[i]);
                    nonzero++;
                }
                bf16Correct += b == bf16Nearest(ref[i]) ? 1 : 0;
                elements++;
            }
            maxRow = Math.max(maxRow, err / norm);
            rows++;
        }

        RowStats stats() {
            return new RowStats(rows, maxElement, maxRow, bf16RelSum / Math.max(1, nonzero),
                    (double) bf16Correct / Math.max(1, elements));
        }
    }

    /** The correctly rounded BF16 of a double (rounding through FP32 would round twice). */
    static int bf16Nearest(double v) {
        FpValue fv = FpValue.of(v);
        return switch (fv.kind()) {
            case NAN -> FpFormat.BF16.canonicalNaN();
            case INFINITE -> (fv.negative() ? 0x8000 : 0) | 0x7F80;
            default -> FpRounding.roundToNearestEven(FpFormat.BF16, fv.negative(), fv.significand(), fv.exponent(),
                    Saturation.NON_SATURATING);
        };
    }
}
