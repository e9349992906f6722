package sohu.verify.xformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.core.array.ArrayConfig;
import sohu.core.fp.FpFormat;
import sohu.core.xformer.VectorConfig;
import sohu.core.xformer.rtl.VectorUnit;
import sohu.verify.BlockCheck;
import sohu.verify.CheckContext;
import sohu.verify.Level;
import sohu.verify.Mismatch;
import sohu.verify.SharedBuilds;

/**
 * The regression's vector block: its lanes and checks per level, and a first mismatch on the real
 * unit (a BF16 unit checked as if it wrote FP16) reported with the element, the values, the cycle
 * and the waveform window's start.
 */
class VectorBlockTest {
    @Test
    void lanesFollowTheArrayUpToFourAndLevelsAddRounds() {
        assertEquals(4, VectorBlock.lanes(ArrayConfig.of(16, 16, FpFormat.BF16)));
        assertEquals(2, VectorBlock.lanes(ArrayConfig.of(4, 2, FpFormat.BF16)));
        assertEquals(2, VectorBlock.lanes(ArrayConfig.of(3, 3, FpFormat.BF16)));
        ArrayConfig cfg = ArrayConfig.of(16, 16, FpFormat.E4M3);
        int[] want = {7, 7 + 16, 7 + 256};
        for (Level level : Level.values()) {
            List<BlockCheck> checks = new VectorBlock().checks(cfg, level);
            assertEquals(want[level.ordinal()], checks.size(), level.label());
            assertEquals(checks.size(), new HashSet<>(checks.stream().map(BlockCheck::name).toList()).size(), "unique names");
            assertTrue(checks.stream().allMatch(c -> c.name().startsWith("vector/")));
        }
    }

    @Test
    void aWrongGoldenModelIsReportedAtTheFirstDifferingElement(@TempDir Path dir) {
        VectorUnit.Params p = new VectorUnit.Params(new VectorConfig(2, FpFormat.BF16), VectorChecks.DEPTH);
        BlockCheck wrong = BlockCheck.of("vector", "as-fp16", ctx -> {
            var sim = ctx.open(p.moduleName() + "_d" + p.depth(), () -> VectorUnitDriver.circuit(p), VectorUnitDriver.OPTIONS);
            try (VectorUnitDriver u = new VectorUnitDriver(p, sim, ctx.window())) {
                return VectorChecks.convertedWrites(u, FpFormat.FP16);
            }
        });
        // The run without waveforms (the replay with tracing compiled in is RegressionTest's, on the FMA tile).
        Mismatch m = assertThrows(Mismatch.class, () -> wrong.body().run(CheckContext.plain(new SharedBuilds(dir), 3)));
        assertTrue(m.port().startsWith("x*1 converted to FP16 element "), m.port());
        assertTrue(m.getMessage().contains("at cycle " + m.cycle()), m.getMessage());
        assertTrue(m.windowStart() < m.cycle(), m.windowStart() + " " + m.cycle());
        assertTrue(m.expected().startsWith("0x") && !m.expected().equals(m.actual()), m.expected() + " " + m.actual());
    }
}
