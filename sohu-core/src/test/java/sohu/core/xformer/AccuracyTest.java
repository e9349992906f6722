package sohu.core.xformer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The golden models against double precision: the accuracy goals of the vector unit. Random sets of
 * 10^6 inputs per function; the sweep takes every 1021st FP32 value of the range (every value with
 * {@code -Dsohu.long=true}).
 */
class AccuracyTest {
    private static final boolean LONG_RUN = Boolean.getBoolean("sohu.long");

    private static double goal(Accuracy.Function f) {
        return f == Accuracy.Function.SILU ? 4.0 : 2.0;
    }

    @ParameterizedTest
    @EnumSource(Accuracy.Function.class)
    void randomInputsMeetTheUlpGoal(Accuracy.Function f) {
        Accuracy.Stats s = Accuracy.random(f, 1_000_000, 11);
        assertTrue(s.maxUlp() <= goal(f), f + " max " + s.maxUlp() + " ULP at " + Float.intBitsToFloat(s.worstInput()));
        assertTrue(s.meanUlp() < 0.5, f + " mean " + s.meanUlp());
        assertTrue(s.bf16CorrectlyRounded() >= 0.999, f + " BF16 correctly rounded " + s.bf16CorrectlyRounded());
    }

    @ParameterizedTest
    @EnumSource(Accuracy.Function.class)
    void sweepOfTheRangeMeetsTheUlpGoal(Accuracy.Function f) {
        Accuracy.Stats s = Accuracy.sweep(f, LONG_RUN ? 1 : 1021);
        assertTrue(s.count() > 1_000_000, "sweep too small: " + s.count());
        assertTrue(s.maxUlp() <= goal(f), f + " max " + s.maxUlp() + " ULP at " + Float.intBitsToFloat(s.worstInput()));
        assertTrue(s.bf16CorrectlyRounded() >= 0.999, f + " BF16 correctly rounded " + s.bf16CorrectlyRounded());
    }

    @Test
    void softmaxRowsAreWithinOneMillionth() {
        for (double sigma : new double[] {1, 4, 10}) {
            Accuracy.RowStats s = Accuracy.softmax(10, 2048, sigma, 16, 3);
            assertTrue(s.maxRow() < 1e-6, "sigma " + sigma + ": " + s);
            assertTrue(s.bf16Correct() >= 0.999, "BF16 correctly rounded, sigma " + sigma + ": " + s);
            // BF16's own rounding error (2^-9 at most, about a third of it on average): SoftEx's 0.14 %.
            assertTrue(s.meanBf16() > 0.0005 && s.meanBf16() < 0.002, "mean BF16 error, sigma " + sigma + ": " + s);
        }
    }

    @Test
    void rmsNormRowsAreWithinOneMillionth() {
        Accuracy.RowStats s = Accuracy.rmsNorm(10, 8192, 16, 4);
        assertTrue(s.maxElement() < 1e-6, s.toString());
    }
}
