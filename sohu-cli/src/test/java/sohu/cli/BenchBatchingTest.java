package sohu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.cli.batching.BatchingCsv;
import sohu.cli.batching.BatchingResult;
import sohu.core.perf.StepLoss;

/** {@code sohu bench batching}: golden = model, shares that add up, reruns, shards and merge, bad options. */
class BenchBatchingTest {
    @TempDir
    Path tmp;

    @Test
    void goldenStepsAgreeWithTheModelAndTheLossesAddUp() throws Exception {
        Path out = tmp.resolve("b");
        CliRun r = CliRun.of("bench", "batching", "--array", "4x4", "--format", "bf16", "--prefill", "16", "-j", "2",
                "--progress", "lines", "-o", out.toString());
        assertTrue(r.out().contains("16 prefill + 1 decode tokens (context 17)"), r.out());
        String csv = Files.readString(out.resolve("batching.csv"));
        List<BatchingResult> rows = twoSteps(r, out);
        for (BatchingResult b : rows) {
            assertTrue(b.ok(), b.note());
            assertEquals(Math.round(b.cycles()), b.goldenCycles(), "golden simulator = step cycle model");
            assertEquals(b.cycles(), b.loss().total(), 1.0, "the parts add up to the step");
            assertTrue(b.utilization() > 0 && b.utilization() < 1);
            String row = r.out().lines().filter(l -> l.startsWith("4x4 ") && l.contains(" " + b.point().kind() + " "))
                    .findFirst().orElseThrow();
            assertTrue(row.contains(" equal ") && row.contains(String.format(Locale.ROOT, " %.1f%% ",
                    100 * b.loss().useful() / b.cycles())), row);
        }
        assertEquals(rows.get(0).tokens(), 17);
        assertEquals(rows.get(1).tokens(), 1);
        assertTrue(Files.size(out.resolve("batching.png")) > 1000);
        CliRun again = CliRun.of("bench", "batching", "--array", "4x4", "--format", "bf16", "--prefill", "16",
                "--progress", "lines", "-o", out.toString());
        assertEquals(0, again.code(), again::toString);
        assertTrue(again.err().contains("2 already done"), again.err());
        assertEquals(csv, Files.readString(out.resolve("batching.csv")));
    }

    /** The rtl engine on the smallest step (the 4x4 BF16 default core RtlEngineSimTest builds): counters, model beside. */
    @Test
    void rtlStepsTakeUtilizationFromTheCountersAndTheModelIsWithinFivePercent() throws Exception {
        Path out = tmp.resolve("rtl");
        CliRun r = CliRun.of("bench", "batching", "--engine", "rtl", "--array", "4x4", "--format", "bf16", "--prefill", "16",
                "--decode", "1", "--layers", "1", "-j", "2", "--progress", "lines", "-o", out.toString());
        assertTrue(r.err().contains("on the RTL core in Verilator"), r.err());
        String csv = Files.readString(out.resolve("batching.csv"));
        List<BatchingResult> rows = twoSteps(r, out);
        for (BatchingResult b : rows) {
            assertTrue(b.ok(), b.note());
            assertTrue(b.rtl() != null && b.goldenCycles() == -1, csv);
            assertEquals(b.rtl().cycles(), b.engineCycles());
            assertEquals(b.loss().useful() / b.rtl().cycles(), b.utilization(), 1e-12, "utilization over the RTL's cycles");
            assertTrue(b.rtl().arrayBusy() >= b.loss().useful() && b.rtl().arrayCycles() > b.rtl().arrayBusy()
                    && b.rtl().computeBusy() > b.rtl().arrayCycles() && b.rtl().computeBusy() < b.rtl().cycles(), csv);
            assertEquals(b.cycles(), b.loss().total(), 1.0, "the model's parts add up to its step");
            assertTrue(Math.abs(b.modelRatio() - 1) <= 0.05, "model within 5% of the RTL: " + b.modelRatio());
            String row = r.out().lines().filter(l -> l.startsWith("4x4 ") && l.contains(" " + b.point().kind() + " ")
                    && !l.contains("/")).findFirst().orElseThrow();
            assertTrue(row.contains(String.format(Locale.ROOT, " %d ", (long) b.engineCycles()))
                    && row.contains(String.format(Locale.ROOT, " %+.1f%% ", 100 * (b.modelRatio() - 1)))
                    && row.contains(String.format(Locale.ROOT, " %.1f%% ", 100 * b.utilization())), row);
        }
        assertTrue(r.out().contains("RTL counters"), r.out());
    }

    @Test
    void shardsMergeIntoTheWholeRun() throws Exception {
        String[] base = {"bench", "batching", "--array", "4x4,8x8", "--format", "bf16,e4m3", "--prefill", "16",
            "--engine", "model", "--progress", "lines"};
        Path whole = tmp.resolve("whole");
        assertEquals(0, CliRun.of(concat(base, "-o", whole.toString())).code());
        for (int i = 1; i <= 3; i++) {
            CliRun r = CliRun.of(concat(base, "--shard", i + "/3", "-o", tmp.resolve("s" + i).toString()));
            assertEquals(0, r.code(), r::toString);
        }
        Path merged = tmp.resolve("merged");
        CliRun m = CliRun.of("bench", "batching", "merge", "-o", merged.toString(), tmp.resolve("s1").toString(),
                tmp.resolve("s2").toString(), tmp.resolve("s3").toString());
        assertEquals(0, m.code(), m::toString);
        String csv = Files.readString(whole.resolve("batching.csv"));
        assertEquals(9, csv.lines().count(), csv);
        assertEquals(csv, Files.readString(merged.resolve("batching.csv")));
        assertTrue(csv.lines().skip(1).allMatch(l -> l.split(",", -1)[14].isEmpty()), "no golden column with --engine model");
        assertEquals(StepLoss.NAMES.length + 17 + 7, BatchingCsv.COLUMNS.size());
    }

    @Test
    void badOptionsExitTwo() {
        String[][] bad = {{"--array", "8x4"}, {"--array", "12x12"}, {"--format", "int4"}, {"--prefill", "4"},
            {"--engine", "spice"}, {"--shard", "3/2"}, {"--layers", "0"}, {"--decode", "0"}, {"--depth", "1000"}};
        String[] want = {"--array 8x4: the array must be square", "--array 12x12: a side must be a power of two",
            "--format: unknown format 'int4'", "--prefill must be at least 8, got 4", "--engine must be golden, model or rtl",
            "--shard must be i/n", "--layers must be at least 1", "--decode must be at least 1",
            "--depth 1000 on 8x8: core: aDepth must be a power of two"};
        for (int i = 0; i < bad.length; i++) {
            CliRun r = CliRun.of("bench", "batching", bad[i][0], bad[i][1], "-o", tmp.resolve("x").toString());
            assertEquals(2, r.code(), r.toString());
            assertTrue(r.firstErrLine().startsWith("sohu: " + want[i]), r.toString());
        }
        assertTrue(!Files.exists(tmp.resolve("x")), "nothing written before the options are checked");
    }

    /** The rows of a successful run of one array and format (mixed and decode), after checking the CSV rereads. */
    private static List<BatchingResult> twoSteps(CliRun r, Path out) throws java.io.IOException {
        assertEquals(0, r.code(), r::toString);
        String csv = Files.readString(out.resolve("batching.csv"));
        List<BatchingResult> rows = BatchingCsv.parse(csv, "batching.csv");
        assertEquals(2, rows.size(), csv);
        assertEquals(csv, BatchingCsv.render(rows), "a reread CSV renders the same bytes");
        return rows;
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
