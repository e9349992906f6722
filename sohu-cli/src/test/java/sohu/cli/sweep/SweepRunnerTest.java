package sohu.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.core.fp.FpFormat;

class SweepRunnerTest {
    @TempDir
    Path tmp;

    private final StringWriter errText = new StringWriter();
    private final PrintWriter err = new PrintWriter(errText, true);

    private static final SweepGrid GRID = SweepGrid.ofAxes(List.of(2, 4, 8), null,
            List.of(FpFormat.BF16, FpFormat.E4M3), List.of(1), true);

    private SweepRunner.Outcome run(Path dir, FakeEvaluator f, SweepSettings s, Shard shard, int jobs) throws IOException {
        return new SweepRunner(new PointStore(dir), f, s, jobs, err, false).run(GRID, shard);
    }

    @Test
    void csvIsInGridOrderWhateverTheCompletionOrder() throws IOException {
        SweepSettings s = SweepSettings.defaults();
        FakeEvaluator f = new FakeEvaluator(s);
        SweepRunner.Outcome o = run(tmp, f, s, Shard.ALL, 2);
        assertEquals(6, o.ran());
        List<String> keys = Files.readAllLines(tmp.resolve("sweep.csv")).stream().skip(1).map(l -> l.split(",")[1]).toList();
        assertEquals(GRID.points().stream().map(SweepPoint::key).toList(), keys);
        assertEquals(6, errText.toString().lines().filter(l -> l.startsWith("[")).count(),
                "one progress line per point when not on a terminal:\n" + errText);
        assertFalse(errText.toString().contains("\r"));
    }

    @Test
    void restartSkipsDonePointsAndRerunsFailedOnes() throws IOException {
        SweepSettings s = SweepSettings.defaults();
        FakeEvaluator first = new FakeEvaluator(s);
        first.failing.add("4x4_e4m3_l1");
        SweepRunner.Outcome o1 = run(tmp, first, s, Shard.ALL, 2);
        assertEquals(1, o1.failed());
        assertTrue(Files.readString(tmp.resolve("sweep.csv")).contains("failed"));

        FakeEvaluator second = new FakeEvaluator(s);
        SweepRunner.Outcome o2 = run(tmp, second, s, Shard.ALL, 2);
        assertEquals(List.of("4x4_e4m3_l1"), second.evaluated);
        assertEquals(5, o2.reused());
        assertEquals(0, o2.failed());
        run(tmp.resolve("clean"), new FakeEvaluator(s), s, Shard.ALL, 2);
        assertEquals(Files.readString(tmp.resolve("clean/sweep.csv")), Files.readString(tmp.resolve("sweep.csv")));

        FakeEvaluator third = new FakeEvaluator(s);
        run(tmp, third, s, Shard.ALL, 1);
        assertTrue(third.evaluated.isEmpty(), "everything was done: " + third.evaluated);
    }

    @Test
    void aPointInterruptedBeforeItsFileWasWrittenRunsAgain() throws IOException {
        SweepSettings s = SweepSettings.defaults();
        run(tmp, new FakeEvaluator(s), s, Shard.ALL, 2);
        PointStore store = new PointStore(tmp);
        Files.delete(store.pointFile(GRID.points().get(3)));
        Files.writeString(store.pointFile(GRID.points().get(4)), "index,key\n4,4x4"); // torn by hand
        Files.writeString(store.workDir(GRID.points().get(3)).resolve("stale.txt"), "old");
        FakeEvaluator f = new FakeEvaluator(s);
        run(tmp, f, s, Shard.ALL, 2);
        assertEquals(List.of("4x4_e4m3_l1", "8x8_bf16_l1"), f.evaluated.stream().sorted().toList());
        assertFalse(Files.exists(store.workDir(GRID.points().get(3)).resolve("stale.txt")), "scratch is cleared");
    }

    @Test
    void otherSettingsRerunThePoints() throws IOException {
        SweepSettings noSynth = new SweepSettings(1200, SweepSettings.DEFAULT_MAC_BUDGET, false, 256);
        run(tmp, new FakeEvaluator(noSynth), noSynth, Shard.ALL, 2);
        SweepSettings synth = new SweepSettings(1200, SweepSettings.DEFAULT_MAC_BUDGET, true, 16);
        FakeEvaluator f = new FakeEvaluator(synth);
        run(tmp, f, synth, Shard.ALL, 2);
        assertEquals(4, f.evaluated.size(), "only the points now synthesized (<= 16 PEs): " + f.evaluated);
        SweepSettings clock = new SweepSettings(1000, SweepSettings.DEFAULT_MAC_BUDGET, false, 256);
        FakeEvaluator g = new FakeEvaluator(clock);
        run(tmp, g, clock, Shard.ALL, 2);
        assertEquals(6, g.evaluated.size(), "another clock changes every prediction");
    }

    @Test
    void shardsRunDisjointPointsAndMergeIntoTheFullSweep() throws IOException {
        SweepSettings s = SweepSettings.defaults();
        run(tmp.resolve("full"), new FakeEvaluator(s), s, Shard.ALL, 2);
        for (int i = 1; i <= 4; i++) {
            FakeEvaluator f = new FakeEvaluator(s);
            Shard shard = new Shard(i, 4);
            SweepRunner.Outcome o = run(tmp.resolve("s" + i), f, s, shard, 1);
            assertEquals(shard.indices(GRID.size()).size(), f.evaluated.size());
            assertTrue(o.results().stream().allMatch(r -> shard.contains(r.index())));
        }
        List<PointResult> merged = SweepMerge.merge(
                List.of(tmp.resolve("s3"), tmp.resolve("s1"), tmp.resolve("s4"), tmp.resolve("s2")), err);
        assertEquals(Files.readString(tmp.resolve("full/sweep.csv")), ResultCsv.render(merged));
    }

    @Test
    void pointFilesAreCompleteCsvFilesAndNoTemporariesRemain() throws IOException {
        SweepSettings s = SweepSettings.defaults();
        run(tmp, new FakeEvaluator(s), s, Shard.ALL, 2);
        try (Stream<Path> files = Files.walk(tmp)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().noneMatch(n -> n.endsWith(".tmp")), names.toString());
        }
        for (SweepPoint p : GRID.points()) {
            List<String> lines = Files.readAllLines(new PointStore(tmp).pointFile(p));
            assertEquals(2, lines.size());
            assertEquals(ResultCsv.header(), lines.get(0));
        }
    }
}
