package sohu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** {@code sohu regress}: bad options stop before anything is built; a real run reports and writes JUnit XML. */
class RegressCommandTest {
    @Test
    void badOptionsAreOneLineErrorsWithExitTwoAndNothingWritten(@TempDir Path dir) {
        Path out = dir.resolve("never");
        List<List<String>> bad = List.of(
                List.of("--array", "1x4"), List.of("--array", "16"), List.of("--array", "300x4"),
                List.of("--format", "fp64"), List.of("--format", "int8"), List.of("--latency", "5"),
                List.of("--depth", "1000"), List.of("--blocks", "fma,nope"), List.of("--level", "medium"),
                List.of("-j", "0"), List.of("--check", "array/gemm-99"), List.of("--out", "/proc/sohu-regress"),
                List.of("--depth", "64"));
        List<String> want = List.of("--array rows and cols must be 2..256, got 1x4", "--array must be RxC",
                "--array rows and cols must be 2..256, got 300x4", "unknown --format 'fp64'; choose one of bf16, fp16, e4m3, e5m2, fp32",
                "unknown --format 'int8'", "--latency must be 1..4, got 5", "--depth must be a power of two",
                "unknown --blocks entry 'nope'; choose from fma, array, vector, dma", "--level must be smoke, full or exhaustive",
                "-j must be at least 1, got 0", "unknown --check 'array/gemm-99'", "cannot write into /proc/sohu-regress",
                "scratchpads of 64 words per bank are too small for the matrix engine's checks of a 16x16 array; use --depth 256 or more");
        for (int i = 0; i < bad.size(); i++) {
            List<String> args = new java.util.ArrayList<>(List.of("regress"));
            args.addAll(bad.get(i));
            if (!bad.get(i).contains("--out")) {
                args.addAll(List.of("--out", out.toString()));
            }
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(2, r.code(), r.toString());
            assertTrue(r.firstErrLine().startsWith("sohu: " + want.get(i)), r.toString());
            assertEquals("", r.out(), "nothing printed before the error: " + r);
            assertFalse(Files.exists(out), "created " + out + " for " + bad.get(i));
        }
    }

    @Test
    void aRunOfTwoChecksPrintsTheSettingsTheTableAndWritesJUnitXml(@TempDir Path dir) throws Exception {
        Path junit = dir.resolve("ci/regress.xml");
        // The 2x2 BF16 latency-1 engine with 1024-word scratchpads: the build GemmSimTest uses too.
        CliRun r = CliRun.of("regress", "--array", "2x2", "--format", "bf16", "--latency", "1", "--depth", "1024",
                "--blocks", "array", "--check", "array/gemm-3,array/utilization", "--seed", "5", "-j", "2",
                "--progress", "lines", "--out", dir.resolve("out").toString(), "--junit", junit.toString());
        assertEquals(0, r.code(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals("configuration: 2x2 bf16, FMA latency 1, scratchpads 1024 words per bank", lines.get(0));
        assertEquals("seed: 5", lines.get(2));
        assertTrue(lines.get(5).startsWith("tools: Verilator "), lines.get(5));
        // C elements: gemm-3 is 5x7x5 (M = 2R+1, K = 2R+3, N = C+3), utilization 16x8x8 (M = 8R, K = 4R, N = 4C).
        assertTrue(r.out().contains("  array       2      153           0       0"), r.out());
        assertTrue(r.out().endsWith("all 2 checks matched\n"), r.out());
        assertTrue(r.err().contains("2/2 checks"), r.err());
        String report = Files.readString(dir.resolve("out/report.txt"));
        assertTrue(report.contains("array/utilization  ok"), report);
        Document x = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        Element suite = (Element) x.getElementsByTagName("testsuite").item(0);
        assertEquals("sohu.regress.array", suite.getAttribute("name"));
        assertEquals("2", suite.getAttribute("tests"));
        assertEquals("0", suite.getAttribute("failures"));
        assertEquals(2, x.getElementsByTagName("testcase").getLength());
    }

    @Test
    void theVectorBlockRunsOnTheArraysColumnsAndReportsItsUnit(@TempDir Path dir) {
        // 2 lanes, BF16, 256 words: the unit VectorUnitSimTest builds too.
        CliRun r = CliRun.of("regress", "--array", "2x2", "--format", "bf16", "--blocks", "vector",
                "--check", "vector/counters,vector/softmax", "-j", "2", "--progress", "lines", "--out", dir.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("vector unit: 2 lanes (the array's columns, at most 4), bf16 activations, 256 words"), r.out());
        // counters: 8 instructions of 5L+3 elements; softmax: 4 rows each of 6L+1 and 16L elements.
        assertTrue(r.out().contains("  vector       2      284           0       0"), r.out());
        assertTrue(r.out().endsWith("all 2 checks matched\n"), r.out());
    }

    @Test
    void fp32IsAFormatOfTheRegressionToo(@TempDir Path dir) {
        CliRun r = CliRun.of("regress", "--array", "2x2", "--format", "fp32", "--blocks", "fma", "-j", "2",
                "--progress", "lines", "--out", dir.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("configuration: 2x2 fp32, FMA latency 3"), r.out());
        assertTrue(r.out().contains("  fma         2  827,256           0       0"), r.out());
        assertTrue(r.out().endsWith("all 2 checks matched\n"), r.out());
    }
}
