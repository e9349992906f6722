package sohu.core.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import sohu.core.fp.FpFormat;

/** Command validation (the status the hardware must report) and the scratchpad layout. */
class GemmCommandTest {
    private final ArrayConfig cfg = new ArrayConfig(4, 8, FpFormat.BF16, 3, 256, 128, 64);

    @Test
    void packedCommandsUseTheSmallestStrides() {
        GemmCommand c = GemmCommand.packed(cfg, 10, 9, 17, false);
        assertEquals(3, c.aStride());
        assertEquals(3, c.wStride());
        assertEquals(3, c.cStride());
        assertEquals(EngineStatus.OK, c.check(cfg));
        // A[2][5]: bank 5 mod 4 = 1, word 2·3 + 5 div 4 = 7.
        assertEquals(7, c.aAddr(cfg, 2, 5));
        assertEquals(4 * 3 + 2, c.wAddr(cfg, 4, 16));
        assertEquals(9 * 3 + 2, c.cAddr(cfg, 9, 16));
    }

    @Test
    void badCommandsGetTheirStatusInPriorityOrder() {
        GemmCommand ok = GemmCommand.packed(cfg, 10, 9, 17, false);
        assertEquals(EngineStatus.ZERO_SIZE, GemmCommand.packed(cfg, 0, 9, 17, false).check(cfg));
        assertEquals(EngineStatus.ZERO_SIZE, GemmCommand.packed(cfg, 10, 0, 17, false).withStrides(0, 0, 0).check(cfg));
        assertEquals(EngineStatus.ZERO_SIZE, GemmCommand.packed(cfg, 10, 9, 0, false).check(cfg));
        assertEquals(EngineStatus.BAD_STRIDE, ok.withStrides(2, 3, 3).check(cfg));
        assertEquals(EngineStatus.BAD_STRIDE, ok.withStrides(3, 2, 3).check(cfg));
        assertEquals(EngineStatus.BAD_STRIDE, ok.withStrides(3, 3, 2).check(cfg));
        // A: last word 9·3 + 2 + base must stay below 256.
        assertEquals(EngineStatus.OK, ok.withBases(226, 0, 0).check(cfg));
        assertEquals(EngineStatus.A_OUT_OF_RANGE, ok.withBases(227, 0, 0).check(cfg));
        // W: last word 8·3 + 2 + base below 128.
        assertEquals(EngineStatus.OK, ok.withBases(0, 101, 0).check(cfg));
        assertEquals(EngineStatus.W_OUT_OF_RANGE, ok.withBases(0, 102, 0).check(cfg));
        // C: last word 9·3 + 2 + base below 64.
        assertEquals(EngineStatus.OK, ok.withBases(0, 0, 34).check(cfg));
        assertEquals(EngineStatus.C_OUT_OF_RANGE, ok.withBases(0, 0, 35).check(cfg));
        assertEquals(EngineStatus.A_OUT_OF_RANGE, new GemmCommand(65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535, true).check(cfg));
    }

    @Test
    void fieldsMustFitTheCommandPort() {
        assertThrows(IllegalArgumentException.class, () -> new GemmCommand(1 << 16, 1, 1, 0, 1, 0, 1, 0, 1, false));
        assertThrows(IllegalArgumentException.class, () -> new GemmCommand(1, 1, 1, -1, 1, 0, 1, 0, 1, false));
    }

    @Test
    void configurationsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> ArrayConfig.of(1, 8, FpFormat.BF16));
        assertThrows(IllegalArgumentException.class, () -> ArrayConfig.of(8, 257, FpFormat.BF16));
        assertThrows(IllegalArgumentException.class, () -> ArrayConfig.of(8, 8, null));
        assertEquals(32, ArrayConfig.of(8, 8, FpFormat.FP32).elementBits());
        assertThrows(IllegalArgumentException.class, () -> ArrayConfig.of(8, 8, FpFormat.BF16).withLatency(5));
        assertThrows(IllegalArgumentException.class, () -> ArrayConfig.of(8, 8, FpFormat.BF16).withDepth(1000));
        assertEquals("16x16_e4m3_l3", ArrayConfig.of(16, 16, FpFormat.E4M3).tag());
    }
}
