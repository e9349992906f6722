package sohu.core.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import sohu.core.fp.FpFormat;
import sohu.core.array.ArrayConfig;

class HardwareSpecTest {

    @Test
    void datasheetFigures() {
        assertEquals(989e12, GpuSpec.H100_SXM.peakFlops(NumberFormat.BF16));
        assertEquals(1979e12, GpuSpec.H200.peakFlops(NumberFormat.FP8));
        assertEquals(4.8e12, GpuSpec.H200.hbmBytesPerSecond());
        assertEquals(141e9, GpuSpec.H200.hbmBytes());
        assertEquals(80e9, GpuSpec.H100_SXM.hbmBytes());
        assertEquals(4.5e15, GpuSpec.B200.peakFlops(NumberFormat.FP8));
        assertEquals(9e15, GpuSpec.B200.peakFlops(NumberFormat.FP4));
        assertEquals(GpuSpec.H100_SXM.peakFlops(NumberFormat.FP8), GpuSpec.H100_SXM.peakFlops(NumberFormat.FP4));
        assertEquals(GpuSpec.B200.peakFlops(NumberFormat.BF16), GpuSpec.B200.peakFlops(NumberFormat.FP16));
    }

    @Test
    void sohuPeakIsTwoFlopsPerMacPerCycleAndFp8OnlyDoublesWhenTheTilePacksTwo() {
        SohuChip c = SohuChip.of(128, 64, 3, 1e9, 0.8, 2e12);
        assertEquals(2.0 * 128 * 64 * 3 * 1e9, c.peakFlops(NumberFormat.FP8));
        assertEquals(c.peakFlops(NumberFormat.BF16), c.peakFlops(NumberFormat.FP8), "ArrayPe does not pack two");
        SohuChip packing = new SohuChip("p", ArrayConfig.of(128, 64, FpFormat.E4M3), 3, 1e9, true, 2e12, 144e9,
                450e9, 0.8);
        assertEquals(2 * packing.peakFlops(NumberFormat.BF16), packing.peakFlops(NumberFormat.FP8));
        assertEquals(0.5, c.withUtilization(0.5).utilization());
    }

    @Test
    void sohuHasTheAnnouncedMemoryAndServerSize() {
        assertEquals(144e9, SohuChip.DEFAULT.hbmBytes());
        assertEquals(8, SohuChip.ANNOUNCED_CHIPS_PER_SERVER);
        assertEquals(256, SohuChip.DEFAULT.rows());
    }

    @Test
    void unpublishedSohuConstantsAreMarkedAssumptionsAndPublishedOnesAreNot() {
        Map<String, Boolean> assumed = SohuChip.DEFAULT.facts().stream()
                .collect(Collectors.toMap(Fact::quantity, Fact::assumption));
        for (String q : new String[] {"arrays per chip", "clock", "HBM bandwidth", "link per direction"}) {
            assertTrue(assumed.get(q), q);
        }
        for (String q : new String[] {"HBM capacity", "chips per server", "array", "FP8 rate"}) {
            assertFalse(assumed.get(q), q);
        }
        for (HardwareSpec hw : HardwareSpec.presets()) {
            for (Fact f : hw.facts()) {
                assertFalse(f.source().isBlank(), f.toString());
            }
        }
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
        assertSame(NumberFormat.FP4, NumberFormat.byName("FP4"));
    }
}
