package sohu.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.core.fp.FpFormat;
import sohu.core.fp.rtl.FmaTop;
import sohu.verify.fp.FmaChecks;
import sohu.verify.fp.FmaHarness;

/**
 * The runner on real simulations: a check that passes, and one whose harness expects latency 3
 * from a tile built with latency 2, so the RTL raises out_valid a cycle early. The mismatch must
 * name the port, the cycle and the inputs, the replay must write a waveform of the window, and the
 * passing check's result must not depend on the number of jobs.
 */
class RegressionTest {
    private static BlockCheck fma(String what, int built, int expected, long ops) {
        return BlockCheck.of("fma", what, ctx -> {
            var sim = ctx.open("fma_e4m3_l" + built, () -> FmaTop.elaborate(FpFormat.E4M3, built), FmaHarness.OPTIONS);
            try (FmaHarness h = FmaHarness.onTop(sim, FpFormat.E4M3, expected, ctx.seed(), 8, ctx.window())) {
                return FmaChecks.random(h, FpFormat.E4M3, ops, new SplittableRandom(ctx.seed()));
            }
        });
    }

    @Test
    void aMismatchIsReportedAndReplayedWithAWaveform(@TempDir Path dir) throws Exception {
        List<BlockCheck> checks = List.of(fma("good", 2, 2, 5000), fma("early", 2, 3, 5000));
        List<Regression.Result> finished = new ArrayList<>();
        List<Regression.Result> rs = Regression.run(checks, 2, 7, new SharedBuilds(dir.resolve("rtl")),
                new Regression.Waves(dir.resolve("waves"), false), r -> {
                    synchronized (finished) {
                        finished.add(r);
                    }
                });
        assertEquals(2, finished.size());
        Regression.Result good = rs.get(0);
        Regression.Result bad = rs.get(1);
        assertTrue(good.passed(), String.valueOf(good.error()));
        assertEquals(5000, good.vectors());
        assertNull(good.waveform());
        Mismatch m = bad.mismatch();
        assertNotNull(m, "expected a mismatch, got " + bad.error());
        assertEquals("out_valid", m.port());
        assertEquals("0", m.expected());
        assertEquals("1", m.actual());
        assertTrue(m.inputs().contains("latency 3"), m.inputs());
        assertTrue(m.getMessage().contains("at cycle " + m.cycle()), m.getMessage());
        Path wave = bad.waveform();
        assertEquals(dir.resolve("waves").resolve("fma-early.fst"), wave);
        assertTrue(Files.size(wave) > 0, "empty waveform");
    }

    @Test
    void allWavesKeepsAWaveformOfEveryCheck(@TempDir Path dir) throws Exception {
        List<Regression.Result> rs = Regression.run(List.of(fma("one", 2, 2, 300), fma("two", 2, 2, 300)), 1, 7,
                new SharedBuilds(dir.resolve("rtl")), new Regression.Waves(dir.resolve("waves"), true), r -> { });
        for (Regression.Result r : rs) {
            assertTrue(r.passed(), String.valueOf(r.error()));
            Path wave = dir.resolve("waves").resolve(r.check().name().replace('/', '-') + ".fst");
            assertTrue(Files.size(wave) > 0, "empty " + wave);
        }
    }

    @Test
    void seedsDependOnTheRunSeedAndTheCheckNameOnly() {
        assertEquals(Regression.seedOf(1, "fma/random-00"), Regression.seedOf(1, "fma/random-00"));
        assertTrue(Regression.seedOf(1, "fma/random-00") != Regression.seedOf(2, "fma/random-00"));
        assertTrue(Regression.seedOf(1, "fma/random-00") != Regression.seedOf(1, "fma/random-01"));
    }
}
