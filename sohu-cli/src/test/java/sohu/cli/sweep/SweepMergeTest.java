package sohu.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.core.fp.FpFormat;

class SweepMergeTest {
    @TempDir
    Path tmp;

    private final SweepSettings settings = SweepSettings.defaults();
    private final FakeEvaluator fake = new FakeEvaluator(settings);

    private PointResult result(int index, int side, FpFormat f) {
        return fake.evaluate(index, new SweepPoint(side, side, f, 1), tmp);
    }

    private Path csv(String name, List<PointResult> rs) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, ResultCsv.render(rs));
        return p;
    }

    @Test
    void duplicatesAreDroppedAndRowsSortedByIndex() throws Exception {
        PointResult a = result(0, 2, FpFormat.BF16);
        PointResult b = result(1, 2, FpFormat.FP16);
        PointResult c = result(2, 4, FpFormat.BF16);
        Path x = csv("x.csv", List.of(c, a));
        Path y = csv("y.csv", List.of(a, b));
        StringWriter err = new StringWriter();
        List<PointResult> merged = SweepMerge.merge(List.of(x, y), new PrintWriter(err, true));
        assertEquals(ResultCsv.render(List.of(a, b, c)), ResultCsv.render(merged));
        assertEquals("", err.toString(), "identical duplicates are silent");
    }

    @Test
    void aSuccessfulRowBeatsAFailedOneAndConflictsWarn() throws Exception {
        PointResult ok = result(0, 2, FpFormat.BF16);
        fake.failing.add("2x2_bf16_l1");
        PointResult bad = result(0, 2, FpFormat.BF16);
        PointResult other = new PointResult(0, ok.point(), "Other", 0, ok.area(), ok.gemm(), ok.perf(), true, "");
        StringWriter err = new StringWriter();
        List<PointResult> merged = SweepMerge.merge(List.of(csv("a.csv", List.of(bad)), csv("b.csv", List.of(ok)),
                csv("c.csv", List.of(other))), new PrintWriter(err, true));
        assertEquals(ResultCsv.render(List.of(ok)), ResultCsv.render(merged));
        assertTrue(err.toString().startsWith("sohu: warning: point 2x2_bf16_l1 differs between "), err.toString());
        assertEquals(1, err.toString().lines().count());
    }

    @Test
    void mergeCommandJoinsShardFoldersAndRedrawsThePlots() throws Exception {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> common = List.of("sweep", "--rows", "2,4", "--format", "bf16,e5m2", "--progress", "lines");
        for (int i = 1; i <= 3; i++) {
            List<String> args = new ArrayList<>(common);
            args.addAll(List.of("--shard", i + "/3", "-o", tmp.resolve("shard" + i).toString()));
            SweepCli r = SweepCli.run(SweepCli.fake(seen), args.toArray(String[]::new));
            assertEquals(0, r.code(), r::toString);
        }
        assertEquals(4, seen.size());
        List<String> full = new ArrayList<>(common);
        full.addAll(List.of("-o", tmp.resolve("full").toString()));
        assertEquals(0, SweepCli.run(SweepCli.fake(seen), full.toArray(String[]::new)).code());

        Path out = tmp.resolve("merged");
        SweepCli m = SweepCli.run("sweep", "merge", "-o", out.toString(), tmp.resolve("shard2").toString(),
                tmp.resolve("shard1").toString(), tmp.resolve("shard3").toString(), tmp.resolve("shard1").toString());
        assertEquals(0, m.code(), m::toString);
        assertTrue(m.out().startsWith("Merged 4 points from 4 inputs into " + out.resolve("sweep.csv")), m::toString);
        assertEquals(Files.readString(tmp.resolve("full/sweep.csv")), Files.readString(out.resolve("sweep.csv")));
        for (String png : SweepPlots.FILES) {
            assertTrue(Files.size(out.resolve(png)) > 0, png);
        }
        assertFalse(Files.exists(out.resolve("points")), "merge writes only the CSV and the plots");
    }

    @Test
    void mergeOfAFolderWithoutResultsIsAUsageError() throws Exception {
        Files.createDirectories(tmp.resolve("empty"));
        SweepCli r = SweepCli.run("sweep", "merge", "-o", tmp.resolve("o").toString(), tmp.resolve("empty").toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.firstErrLine().contains("holds no sweep results"), r::toString);
        SweepCli none = SweepCli.run("sweep", "merge", tmp.resolve("missing").toString());
        assertEquals(2, none.code(), none::toString);
        assertTrue(none.firstErrLine().endsWith("missing does not exist"), none::toString);
    }
}
