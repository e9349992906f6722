package sohu.core.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HardwareSpecTest {

    @Test
    void datasheetFigures() {
        assertEquals(989e12, GpuSpec.H100_SXM.peakFlops(NumberFormat.BF16));
        assertEquals(1979e12, GpuSpec.H200.peakFlops(NumberFormat.FP8));
        assertEquals(4.8e12, GpuSpec.H200.hbmBytesPerSecond());
        assertEquals(4.5e15, GpuSpec.B200.peakFlops(NumberFormat.FP8));
        assertEquals(GpuSpec.B200.peakFlops(NumberFormat.BF16), GpuSpec.B200.peakFlops(NumberFormat.FP16));
    }

    @Test
    void sohuPeakIsTwoFlopsPerMacPerCycle() {
        SohuChip c = SohuChip.of(128, 64, 3, 1e9, 0.8, 2e12);
        assertEquals(2.0 * 128 * 64 * 3 * 1e9, c.peakFlops(NumberFormat.FP8));
        assertEquals(0.8, c.utilization());
        assertEquals(0.5, c.withUtilization(0.5).utilization());
    }

    @Test
    void byNameFindsPresetsAndListsThemOtherwise() {
        assertSame(GpuSpec.H100_SXM, HardwareSpec.byName("H100"));
        assertSame(GpuSpec.B200, HardwareSpec.byName("b200"));
        assertSame(SohuChip.DEFAULT, HardwareSpec.byName("Sohu"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HardwareSpec.byName("tpu"));
        for (String n : new String[] {"h100", "h200", "b200", "sohu"}) {
            assertTrue(e.getMessage().contains(n), e.getMessage());
        }
    }

    @Test
    void utilizationMustBeAFraction() {
        assertThrows(IllegalArgumentException.class, () -> GpuSpec.H100_SXM.withUtilization(0));
        assertThrows(IllegalArgumentException.class, () -> SohuChip.DEFAULT.withUtilization(1.5));
        assertThrows(IllegalArgumentException.class, () -> NumberFormat.byName("int4"));
        assertSame(NumberFormat.FP8, NumberFormat.byName("fp8"));
    }
}
