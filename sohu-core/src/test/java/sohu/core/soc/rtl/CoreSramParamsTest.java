package sohu.core.soc.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import sohu.core.compile.CoreConfig;
import sohu.core.fp.FpFormat;
import sohu.core.isa.Space;
import sohu.core.mem.rtl.DmaConfig;
import sohu.hdl.ir.Circuit;

/**
 * The memory side's parameters: the byte map's constants, the memories' shapes seen from a bus,
 * the errors for sizes that cannot work, and a 256×256 core's router elaborating at both ends of
 * the bus widths.
 */
class CoreSramParamsTest {
    private static DmaConfig dma(int bits, int sramBits) {
        return new DmaConfig(bits, 32, 4, 4, 4, 64, 256, sramBits);
    }

    @Test
    void theByteMapFitsTheDmaAndSohuCoreUsesIt() {
        assertEquals(24, CoreSram.SPACE_LSB);
        assertEquals(CoreSram.SPACE_LSB, SohuCore.SPACE_LSB);
        // the largest memory (2^20 FP32 elements) stays below the next space
        assertTrue((1L << 20) * 4 <= 1L << CoreSram.SPACE_LSB);
    }

    @Test
    void shapesFollowTheFormatAndTheBus() {
        List<ElementSpace> s = ElementSpace.of(CoreConfig.of(4, FpFormat.E4M3));
        assertEquals(Space.ACT, s.get(0).space());
        assertEquals(1, s.get(0).elementBytes());
        assertEquals(4, s.get(2).elementBytes());
        assertEquals(2, s.get(0).linesPerBusWord(8), "an 8-byte word is two 4-byte act lines");
        assertEquals(1, s.get(2).linesPerBusWord(8), "and half of a 16-byte acc line");
        assertEquals(2, s.get(2).busWordsPerLine(8));
        assertEquals(32, s.get(0).linesPerBusWord(128));
    }

    @Test
    void sizesThatCannotWorkAreRefusedWithTheFix() {
        CoreConfig core = CoreConfig.of(4, FpFormat.BF16);
        IllegalArgumentException narrow = assertThrows(IllegalArgumentException.class,
                () -> new CoreSram.Params(dma(64, 24), core));
        assertTrue(narrow.getMessage().contains("set sramBits to 27"), narrow.getMessage());
        CoreConfig tiny = new CoreConfig(2, 2, FpFormat.E4M3, 2, 2, 2, 2, 2, 16, 64, 32);
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> new CoreSram.Params(dma(1024, 27), tiny));
        assertTrue(small.getMessage().contains("less than one 128-byte bus word"), small.getMessage());
        IllegalArgumentException chunk = assertThrows(IllegalArgumentException.class,
                () -> new InsnFetch.Params(dma(64, 27), 3, 4));
        assertTrue(chunk.getMessage().contains("chunkInsns must be a power of two"), chunk.getMessage());
        IllegalArgumentException buf = assertThrows(IllegalArgumentException.class,
                () -> new InsnFetch.Params(dma(1024, 27), 2, 2));
        assertTrue(buf.getMessage().contains("less than two 128-byte bus words"), buf.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> new ControlSlave.Params(List.of(new ControlSlave.Counter("cycles", 32), new ControlSlave.Counter("cycles", 48))));
        assertTrue(twice.getMessage().contains("listed twice"), twice.getMessage());
    }

    @Test
    void aTwoHundredFiftySixSquareCoreElaboratesAtBothEndsOfTheBus() {
        for (int bits : new int[] {64, 1024}) {
            Circuit c = CoreSram.elaborate(new CoreSram.Params(dma(bits, 27), CoreConfig.of(256, FpFormat.E4M3)));
            assertTrue(c.top().startsWith("CoreSram_256x256_e4m3"), c.top());
        }
        Circuit f = InsnFetch.elaborate(InsnFetch.Params.of(dma(1024, 27)));
        assertTrue(f.top().startsWith("InsnFetch_d1024"), f.top());
    }
}
