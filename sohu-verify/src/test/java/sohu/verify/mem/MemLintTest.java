package sohu.verify.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.core.mem.KvCacheConfig;
import sohu.core.mem.KvLayout;
import sohu.core.mem.rtl.BankedScratchpad;
import sohu.core.mem.rtl.KvCache;
import sohu.core.mem.rtl.MemorySystem;
import sohu.hdl.ir.Circuit;
import sohu.verify.LintChecks;

/**
 * {@code verilator --lint-only -Wall} prints nothing for the KV cache unit and the banked scratchpad,
 * and Yosys synthesizes them without an undriven or multiply driven signal.
 */
class MemLintTest {

    @Test
    void kvCacheAndScratchpadAreLintClean(@TempDir Path dir) throws Exception {
        List<Circuit> designs = List.of(
                KvCache.elaborate(new KvCacheConfig(new KvLayout(16, 80, 8, 128, 2, 1L << 40, 1 << 20), 256, 256, 8)),
                KvCache.elaborate(new KvCacheConfig(new KvLayout(2, 1, 1, 1, 1, 0, 1), 2, 2, 2)),
                BankedScratchpad.elaborate(new BankedScratchpad.Params(4, 64, 1024, false)),
                BankedScratchpad.elaborate(new BankedScratchpad.Params(2, 1, 2, true)),
                MemorySystem.elaborate(MemorySystem.Params.of(new KvCacheConfig(new KvLayout(16, 2, 2, 8, 2, 0, 32), 4, 4, 4), 19)));
        assertEquals(List.of(), LintChecks.verilatorWall(designs, dir));
    }

    @Test
    void yosysSynthesizesThemWithoutDriverWarnings(@TempDir Path dir) throws Exception {
        List<Circuit> designs = List.of(
                KvCache.elaborate(new KvCacheConfig(new KvLayout(16, 2, 2, 64, 2, 0x1000, 64), 4, 8, 4)),
                BankedScratchpad.elaborate(new BankedScratchpad.Params(4, 8, 16, true)));
        for (Circuit c : designs) {
            assertEquals(List.of(), LintChecks.yosysSynth(c, dir));
        }
    }
}
