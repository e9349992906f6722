package sohu.core.fp.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import sohu.core.fp.FpFormat;

/** The derived widths and the stage cuts. */
class FmaWidthsTest {
    @ParameterizedTest
    @EnumSource(names = {"BF16", "FP16", "E4M3", "E5M2"})
    void narrowInputsUseA29BitWindow(FpFormat f) {
        FmaWidths w = FmaWidths.of(f);
        assertEquals(2 * (f.mantissaBits() + 1), w.product());
        assertEquals(29, w.window());
        assertEquals(24, w.stickyExtension());
    }

    @Test
    void fp32InputsWidenTheWindowToTheProduct() {
        FmaWidths w = FmaWidths.of(FpFormat.FP32);
        assertEquals(48, w.product());
        assertEquals(50, w.window());
    }

    @ParameterizedTest
    @EnumSource(FpFormat.class)
    void exponentWidthsHoldTheirRanges(FpFormat f) {
        FmaWidths w = FmaWidths.of(f);
        long fieldMax = (1L << f.exponentBits()) - 1;
        long tpMax = FmaWidths.productTopOffset(f) + 2 * fieldMax;
        long tpMin = FmaWidths.productTopOffset(f) + 2 - 2L * (f.mantissaBits() + 1);
        long half = 1L << (w.exponentDiff() - 1);
        // The difference and its negation must both fit the signed width.
        assertTrue(tpMax - 1 < half && -(tpMin - 255) < half, f + ": " + w);
        assertTrue(Math.max(255, tpMax) < 1L << w.topExponent(), f + ": " + w);
        assertTrue(w.top() + 1 < 1L << w.shift());
        assertTrue(w.window() < 1L << w.leadingZeros());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void latencyIsTheNumberOfRegisteredStages(int latency) {
        assertEquals(latency, FmaStage.registeredAfter(latency).size());
        assertTrue(FmaStage.registeredAfter(latency).contains(FmaStage.ROUND), "outputs are registered");
    }

    @Test
    void latencyOutsideOneToFourIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new FmaTile.Params(FpFormat.BF16, 0));
        assertThrows(IllegalArgumentException.class, () -> new FmaTile.Params(FpFormat.BF16, 5));
    }
}
