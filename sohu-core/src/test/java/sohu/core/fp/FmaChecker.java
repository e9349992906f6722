package sohu.core.fp;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares the golden FMA with {@link Math#fma(float, float, float)} (the oracle) and collects
 * the first mismatches. A NaN oracle result requires exactly the canonical NaN 0x7FC00000.
 */
final class FmaChecker {

    private static final int MAX_REPORTED = 12;

    private final FpFormat input;
    private final String context;
    private final List<String> failures = new ArrayList<>();
    private long checked;
    private long mismatches;

    FmaChecker(FpFormat input, String context) {
        this.input = input;
        this.context = context;
    }

    /** Checks one triple; {@code wa} and {@code wb} are the exact float values of {@code a}, {@code b}. */
    void check(int a, int b, float wa, float wb, int c) {
        checked++;
        int golden = FpFma.fma(input, a, b, c);
        float expected = Math.fma(wa, wb, Float.intBitsToFloat(c));
        boolean ok = Float.isNaN(expected)
                ? golden == FpFma.CANONICAL_NAN
                : golden == Float.floatToRawIntBits(expected);
        if (!ok) {
            mismatches++;
            if (failures.size() < MAX_REPORTED) {
                failures.add(String.format("%s a=0x%X (%s) b=0x%X (%s) c=0x%08X (%s): golden 0x%08X (%s), Math.fma 0x%08X (%s)",
                        input, a, wa, b, wb, c, Float.intBitsToFloat(c), golden, Float.intBitsToFloat(golden),
                        Float.floatToRawIntBits(expected), expected));
            }
        }
    }

    /** Fails with the first mismatches, or if fewer than {@code minimum} triples were checked. */
    void assertNoMismatch(long minimum) {
        if (checked < minimum) {
            fail(context + ": only " + checked + " triples checked, expected at least " + minimum);
        }
        if (mismatches != 0) {
            fail(context + ": " + mismatches + " of " + checked + " triples differ, first ones:\n"
                    + String.join("\n", failures));
        }
    }
}
