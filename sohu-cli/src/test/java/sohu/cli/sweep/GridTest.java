package sohu.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sohu.core.fp.FpFormat;

class GridTest {
    @TempDir
    Path tmp;

    private static List<String> keys(SweepGrid g) {
        return g.points().stream().map(SweepPoint::key).toList();
    }

    @Test
    void axesCrossInOrderRowsColsFormatLatency() {
        SweepGrid g = SweepGrid.ofAxes(List.of(2, 4), List.of(8), List.of(FpFormat.BF16, FpFormat.E4M3),
                List.of(1, 2), false);
        assertEquals(List.of("2x8_bf16_l1", "2x8_bf16_l2", "2x8_e4m3_l1", "2x8_e4m3_l2",
                "4x8_bf16_l1", "4x8_bf16_l2", "4x8_e4m3_l1", "4x8_e4m3_l2"), keys(g));
    }

    @Test
    void squarePairsRowsWithThemselves() {
        SweepGrid g = SweepGrid.ofAxes(List.of(2, 4, 8), null, List.of(FpFormat.FP16), List.of(3), true);
        assertEquals(List.of("2x2_fp16_l3", "4x4_fp16_l3", "8x8_fp16_l3"), keys(g));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SweepGrid.ofAxes(List.of(2), List.of(2), List.of(FpFormat.FP16), List.of(3), true));
        assertTrue(e.getMessage().contains("--square"), e.getMessage());
    }

    @Test
    void commandLineDefaultsAreSquareTwoFourEightAllFormatsLatencyThree() {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        SweepCli r = SweepCli.run(SweepCli.fake(seen), "sweep", "--no-synth", "-o", tmp.resolve("d").toString());
        assertEquals(0, r.code(), r::toString);
        assertEquals(12, seen.size());
        List<String> csvKeys = Files.exists(tmp.resolve("d/sweep.csv")) ? readKeys(tmp.resolve("d/sweep.csv")) : List.of();
        assertEquals(List.of("2x2_bf16_l3", "2x2_fp16_l3", "2x2_e4m3_l3", "2x2_e5m2_l3", "4x4_bf16_l3", "4x4_fp16_l3",
                "4x4_e4m3_l3", "4x4_e5m2_l3", "8x8_bf16_l3", "8x8_fp16_l3", "8x8_e4m3_l3", "8x8_e5m2_l3"), csvKeys);
    }

    private static List<String> readKeys(Path csv) {
        try {
            return Files.readAllLines(csv).stream().skip(1).map(l -> l.split(",")[1]).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--rows 1              | rows must be 2..256, got 1",
        "--rows 2,x            | 'x' is not an int",
        "--rows 4,4            | --rows lists 4 twice",
        "--cols 2,300          | cols must be 2..256, got 300",
        "--format bf16,fp32    | unknown format 'fp32'; valid: bf16, fp16, e4m3, e5m2",
        "--format bf17         | unknown format 'bf17'",
        "--latency 0           | latency must be 1..4, got 0",
        "--latency 5           | latency must be 1..4, got 5",
        "--square --cols 2     | --square pairs each --rows value with itself",
        "--shard 0/4           | --shard must be i/n with 1 <= i <= n",
        "--shard 5/4           | --shard must be i/n with 1 <= i <= n",
        "--shard 2-4           | --shard must be i/n",
        "--jobs 0              | --jobs must be at least 1",
        "--clock-mhz -5        | --clock-mhz must be in (0, 10000]",
        "--progress fancy      | --progress must be auto, tty or lines",
        "--grid g.txt --rows 2 | --grid cannot be combined with",
    })
    void badCommandLineValuesGiveOneLineAndExitTwo(String args, String expected) {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.List<String> argv = new java.util.ArrayList<>(List.of("sweep"));
        argv.addAll(List.of(args.split(" ")));
        argv.addAll(List.of("-o", tmp.resolve("bad").toString()));
        SweepCli r = SweepCli.run(SweepCli.fake(seen), argv.toArray(String[]::new));
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.firstErrLine().startsWith("sohu: "), r::toString);
        assertTrue(r.firstErrLine().contains(expected), r::toString);
        assertTrue(r.err().lines().skip(1).allMatch(l -> l.startsWith("Try ") || l.startsWith("Did you mean")), r::toString);
        assertTrue(seen.isEmpty(), "no point may run after a usage error");
        assertFalse(Files.exists(tmp.resolve("bad")));
    }

    @Test
    void fileWithCommentsBlankLinesSpacesAndDefaultLatency() {
        SweepGrid g = GridFile.parse("# my grid\n\n2,2,bf16,1\n 4 , 8 , E4M3   # fp8\n8,8,fp16,2\n", "g.txt");
        assertEquals(List.of("2x2_bf16_l1", "4x8_e4m3_l3", "8x8_fp16_l2"), keys(g));
    }

    @Test
    void fileWithHeaderInAnyOrderAndExtraColumns() {
        SweepGrid g = GridFile.parse("format,latency,cols,rows,comment\nbf16,2,4,2,x\ne5m2,,2,2,\n", "g.csv");
        assertEquals(List.of("2x4_bf16_l2", "2x2_e5m2_l3"), keys(g));
    }

    @Test
    void anEarlierSweepCsvIsAGridFile() {
        SweepGrid g = SweepGrid.ofAxes(List.of(2, 4), null, List.of(FpFormat.E5M2), List.of(1), true);
        SweepSettings s = SweepSettings.defaults();
        FakeEvaluator f = new FakeEvaluator(s);
        List<PointResult> rs = new java.util.ArrayList<>();
        for (int i = 0; i < g.size(); i++) {
            rs.add(f.evaluate(i, g.points().get(i), tmp));
        }
        assertEquals(keys(g), keys(GridFile.parse(ResultCsv.render(rs), "sweep.csv")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2,2                  | g.txt:1: expected rows,cols,format[,latency], got 2 values",
        "2,2,bf16\\n2,x,bf16   | g.txt:2: cols must be a whole number, got 'x'",
        "2,2,bf16\\n2,2,fp8    | g.txt:2: unknown format 'fp8'; valid: bf16, fp16, e4m3, e5m2",
        "2,2,bf16\\n3,300,bf16 | g.txt:2: cols must be 2..256, got 300",
        "2,2,bf16,9           | g.txt:1: latency must be 1..4, got 9",
        "2,2,bf16\\n\\n2,2,bf16 | g.txt:3: point 2x2_bf16_l3 repeats line 1",
        "rows,format\\n2,bf16  | g.txt:1: the header has no 'cols' column (expected rows,cols,format[,latency])",
        "# nothing            | g.txt: no points (expected lines like 4,4,bf16,3)",
        "2,2,\"bf16           | g.txt:1: unterminated quote",
    })
    void badFilesNameFileAndLineInOneLine(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GridFile.parse(text.replace("\\n", "\n"), "g.txt"));
        assertEquals(expected, e.getMessage());
    }

    @Test
    void gridFileErrorsThroughTheCommandExitTwo() throws Exception {
        Path f = tmp.resolve("grid.txt");
        Files.writeString(f, "2,2,bf16\n2,2,bf99\n");
        SweepCli r = SweepCli.run(SweepCli.fake(new java.util.ArrayList<>()), "sweep", "--grid", f.toString(),
                "-o", tmp.resolve("o").toString());
        assertEquals(2, r.code(), r::toString);
        assertEquals("sohu: " + f + ":2: unknown format 'bf99'; valid: bf16, fp16, e4m3, e5m2", r.firstErrLine());
        SweepCli missing = SweepCli.run(SweepCli.fake(new java.util.ArrayList<>()), "sweep", "--grid",
                tmp.resolve("nope.txt").toString());
        assertEquals(2, missing.code(), missing::toString);
        assertTrue(missing.firstErrLine().endsWith("nope.txt does not exist"), missing::toString);
    }

    @Test
    void pointKeysRoundTrip() {
        SweepPoint p = new SweepPoint(16, 4, FpFormat.E5M2, 2);
        assertEquals("16x4_e5m2_l2", p.key());
        assertEquals(p, SweepPoint.parseKey(p.key()));
        assertThrows(IllegalArgumentException.class, () -> SweepPoint.parseKey("16x4-e5m2"));
    }
}
