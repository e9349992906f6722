package sohu.core.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import sohu.core.mem.DmaDescriptor.Direction;

/** The DMA golden model on hand-worked cases. */
class DmaGoldenTest {
    private static final class MapSpace implements DmaGolden.Space {
        final Map<Long, Integer> bytes = new HashMap<>();

        @Override
        public int read(long addr) {
            return bytes.getOrDefault(addr, (int) (addr & 0x7F));
        }

        @Override
        public void write(long addr, int value) {
            bytes.put(addr, value);
        }
    }

    @Test
    void aTwoDimensionalLoadWritesExactlyItsRows() {
        MapSpace hbm = new MapSpace();
        MapSpace sram = new MapSpace();
        // 3 rows of 2 bytes: HBM 10,11 / 20,21 / 30,31 -> SRAM 100,101 / 104,105 / 108,109
        DmaDescriptor d = new DmaDescriptor(1, Direction.HBM_TO_SRAM, 10, 100, 3, 2, 10, 4);
        DmaGolden.apply(d, hbm, sram);
        assertEquals(Map.of(100L, 10, 101L, 11, 104L, 20, 105L, 21, 108L, 30, 109L, 31), sram.bytes);
        assertTrue(hbm.bytes.isEmpty());
        assertTrue(DmaGolden.inDestination(d, 105));
        assertFalse(DmaGolden.inDestination(d, 106));
        assertFalse(DmaGolden.inDestination(d, 110));
        assertFalse(DmaGolden.inDestination(d, 99));
    }

    @Test
    void rejectionsFollowTheDocumentedOrder() {
        assertEquals(Optional.of(DmaStatus.Code.BAD_LENGTH),
                DmaGolden.reject(new DmaDescriptor(1, Direction.HBM_TO_HBM, 1L << 40, 0, 0, 4, 4, 1), 32, 20));
        assertEquals(Optional.of(DmaStatus.Code.BAD_RANGE),
                DmaGolden.reject(DmaDescriptor.linear(1, Direction.HBM_TO_HBM, (1L << 32) - 3, 0, 4), 32, 20));
        assertEquals(Optional.empty(), DmaGolden.reject(DmaDescriptor.linear(1, Direction.HBM_TO_HBM, (1L << 32) - 4, 0, 4), 32, 20));
        assertEquals(Optional.of(DmaStatus.Code.BAD_RANGE),
                DmaGolden.reject(new DmaDescriptor(1, Direction.HBM_TO_SRAM, 0, 0, 2, 4, 4, 1L << 20), 32, 20));
        assertEquals(Optional.of(DmaStatus.Code.BAD_STRIDE),
                DmaGolden.reject(new DmaDescriptor(1, Direction.SRAM_TO_HBM, 0, 0, 2, 4, 4, 3), 32, 20));
        assertEquals(Optional.empty(), DmaGolden.reject(new DmaDescriptor(1, Direction.SRAM_TO_HBM, 0, 0, 1, 4, 4, 3), 32, 20));
    }
}
