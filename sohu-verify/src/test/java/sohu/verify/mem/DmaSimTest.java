package sohu.verify.mem;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import sohu.core.mem.DmaDescriptor;
import sohu.core.mem.DmaDescriptor.Direction;
import sohu.core.mem.DmaStatus;
import sohu.core.mem.rtl.DmaConfig;
import sohu.verilator.axi.HbmConfig;

/** The DMA engine in Verilator against the HBM model, the protocol monitor and the golden model. */
class DmaSimTest {
    /** A 64-bit engine, small enough to build quickly: 4 bursts of up to 64 beats each way, 256 beats of buffer, 2 MiB of SRAM. */
    static final DmaConfig CFG = new DmaConfig(64, 32, 4, 4, 4, 64, 256, 21);
    private static final int SLOTS = 64;
    private static final long SLOT = 8192;
    private static final long DST = 0x100000;

    private static List<Scoreboard.Region> slotRegions() {
        List<Scoreboard.Region> r = new ArrayList<>();
        for (boolean sram : new boolean[] {false, true}) {
            r.add(new Scoreboard.Region(sram, 0, SLOTS * SLOT));
            r.add(new Scoreboard.Region(sram, DST, DST + SLOTS * SLOT));
        }
        return r;
    }

    private static int[] offsets() {
        int[] o = new int[32];
        for (int i = 0; i < 16; i++) {
            o[i] = i;
            o[16 + i] = 4096 - 16 + i;
        }
        return o;
    }

    @Test
    void everyShortLengthAtEveryOffsetNearWordAndPageEdgesInEveryDirection() {
        try (DmaHarness h = new DmaHarness(CFG, HbmConfig.hbm3(20).withJitter(5), DmaHarness.SramBehaviour.plain())) {
            int[] off = offsets();
            int n = 0;
            for (Direction dir : Direction.values()) {
                Scoreboard sb = new Scoreboard(h, slotRegions(), dir.ordinal());
                int slot = 0;
                for (int len = 1; len <= 32; len++) {
                    for (int i = 0; i < off.length; i++) {
                        int so = off[i];
                        int dOff = off[(i * 7 + len) % off.length];
                        sb.submit(DmaDescriptor.linear(slot, dir, slot * SLOT + so, DST + slot * SLOT + dOff, len));
                        n++;
                        if (++slot == SLOTS) {
                            sb.finishBatch(200_000);
                            slot = 0;
                        }
                    }
                }
                sb.finishBatch(200_000);
            }
            assertTrue(h.monitor().quiet(), "every AXI burst finished");
            assertTrue(n == 3 * 32 * 32);
        }
    }
}
