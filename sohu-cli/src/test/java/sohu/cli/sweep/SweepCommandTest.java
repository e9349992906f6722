package sohu.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesCsvPlotsAndASummary() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        Path out = tmp.resolve("s");
        SweepCli r = SweepCli.run(SweepCli.fake(seen), "sweep", "--rows", "2,4", "--cols", "2,8", "--format", "fp16",
                "--latency", "1,2", "-j", "3", "--progress", "lines", "-o", out.toString());
        assertEquals(0, r.code(), r::toString);
        assertEquals(8, seen.size());
        assertTrue(r.err().startsWith("sohu sweep: 8 points, running 8 with 3 jobs"), r::toString);
        assertTrue(r.out().contains("  2x8_fp16_l2: ok, lint clean, "), r::toString);
        assertTrue(r.out().endsWith("Wrote sweep.csv (8 points) and area.png, utilization.png, tokens.png into "
                + out + System.lineSeparator()), r::toString);
        assertEquals(9, Files.readAllLines(out.resolve("sweep.csv")).size());

        SweepCli again = SweepCli.run(SweepCli.fake(seen), "sweep", "--rows", "2,4", "--cols", "2,8", "--format", "fp16",
                "--latency", "1,2", "-o", out.toString());
        assertEquals(0, again.code(), again::toString);
        assertEquals(8, seen.size(), "nothing runs twice");
        assertTrue(again.err().startsWith("sohu sweep: 8 points, 8 already done in " + out), again::toString);
    }

    @Test
    void failedPointsExitOneAfterWritingEverything() throws Exception {
        Path out = tmp.resolve("f");
        SweepCli r = SweepCli.run(SweepCli.fake(new CopyOnWriteArrayList<>(), "4x4_e5m2_l3"), "sweep", "--rows",
                "2,4", "--format", "e5m2", "--progress", "lines", "-o", out.toString());
        assertEquals(1, r.code(), r::toString);
        assertEquals("sohu: 1 of 2 points failed; see the status and note columns of " + out.resolve("sweep.csv"),
                r.err().lines().reduce((a, b) -> b).orElse(""), r::toString);
        assertTrue(Files.readString(out.resolve("sweep.csv")).contains(",failed,"));
    }

    @Test
    void anOutputFolderThatIsAFileFailsInOneLine() throws Exception {
        Path file = tmp.resolve("file");
        Files.writeString(file, "x");
        SweepCli r = SweepCli.run(SweepCli.fake(new CopyOnWriteArrayList<>()), "sweep", "-o", file.toString());
        assertEquals(1, r.code(), r::toString);
        assertEquals("sohu: cannot write into " + file + ": it exists and is not a folder", r.firstErrLine());
    }

    @Test
    void helpListsTheOptions() {
        SweepCli r = SweepCli.run("sweep", "--help");
        assertEquals(0, r.code(), r::toString);
        for (String o : List.of("--rows", "--cols", "--square", "--format", "--latency", "--grid", "--out", "--jobs",
                "--shard", "--no-synth", "--synth-max-pes", "--clock-mhz", "--macs", "merge")) {
            assertTrue(r.out().contains(o), o + " missing from\n" + r.out());
        }
    }
}
