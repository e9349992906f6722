package sohu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.core.array.ArrayConfig;

/** What {@code generate fma|array} writes where, and what it says when it cannot. */
class GenerateOutputTest {
    @TempDir
    Path tmp;

    @Test
    void aFolderThatTakesNoFoldersSaysWhyWithoutTemporaryNames() {
        CliRun r = CliRun.of("generate", "fma", "--out", "/proc/sohu-x");
        assertEquals(1, r.code(), r::toString);
        assertEquals(List.of("sohu: cannot write into /proc/sohu-x: cannot create a folder in /proc: "
                + "the file system does not allow it"), r.errLines());
        assertFalse(r.err().contains(".tmp"), r::toString);
    }

    @Test
    void aFileInThePathSaysSo() throws IOException {
        Path file = Files.writeString(tmp.resolve("plain"), "x");
        CliRun r = CliRun.of("generate", "fma", "--out", file.resolve("a/b").toString());
        assertEquals(1, r.code(), r::toString);
        assertEquals("sohu: cannot write into " + file.resolve("a/b") + ": " + file + " is a file, not a folder",
                r.firstErrLine());
    }

    @Test
    void anEmptyOutIsAUsageError() throws IOException {
        for (String cmd : List.of("fma", "array", "examples")) {
            CliRun r = CliRun.of("generate", cmd, "--out", "");
            assertEquals(2, r.code(), r::toString);
            assertTrue(r.firstErrLine().startsWith("sohu: --out must name a folder, got an empty path"), r::toString);
        }
        for (List<String> args : List.of(List.of("generate", "-o", ""), List.of("sweep", "-o", "", "--rows", "2"),
                List.of("sweep", "merge", "-o", "", "x.csv"))) {
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(2, r.code(), r::toString);
            assertTrue(r.firstErrLine().contains("--out must name a folder, got an empty path"), r::toString);
        }
    }

    @Test
    void errorsNameTheOptionTheUserTyped() {
        String[][] cases = {{"--depth", "3", "--depth must be a power of two in 2..65536, got 3"},
            {"--rows", "1", "--rows must be 2..256, got 1"}, {"--cols", "300", "--cols must be 2..256, got 300"},
            {"--latency", "9", "--latency must be 1..4, got 9"}};
        for (String[] c : cases) {
            CliRun r = CliRun.of("generate", "array", c[0], c[1], "--out", tmp.resolve("a").toString());
            assertEquals(2, r.code(), r::toString);
            assertTrue(r.firstErrLine().startsWith("sohu: " + c[2]), r::toString);
            assertFalse(r.err().contains("aDepth") || r.err().contains("FMA latency"), r::toString);
            assertFalse(Files.exists(tmp.resolve("a")));
        }
    }

    @Test
    void fmaDefaultsToTheLatencyEverythingElseUses() throws IOException {
        CliRun r = CliRun.of("generate", "fma", "--out", tmp.resolve("f").toString());
        assertEquals(0, r.code(), r::toString);
        assertEquals(3, ArrayConfig.DEFAULT_LATENCY);
        assertTrue(r.out().contains("FMA tile, latency 3 "), r::toString);
        assertTrue(Files.readString(tmp.resolve("f/manifest.json")).contains("\"latency\": 3"));
        assertTrue(Files.exists(tmp.resolve("f/FmaTile_bf16_fp32_l3.sv")), names(tmp.resolve("f")).toString());
    }

    /** A regenerated design folder is a new folder (one rename), with nothing left of the last run. */
    @Test
    void regeneratingADesignFolderReplacesItWhole() throws IOException {
        Path dir = tmp.resolve("fma");
        assertEquals(0, CliRun.of("generate", "fma", "--format", "bf16", "--out", dir.toString()).code());
        Object first = Files.readAttributes(dir, BasicFileAttributes.class).fileKey();
        List<String> bf16 = names(dir);
        assertTrue(bf16.contains("FmaTile_bf16_fp32_l3.sv"), bf16.toString());

        CliRun r = CliRun.of("generate", "fma", "--format", "e4m3", "--out", dir.toString());
        assertEquals(0, r.code(), r::toString);
        List<String> e4m3 = names(dir);
        assertFalse(e4m3.contains("FmaTile_bf16_fp32_l3.sv"), "stale file of the earlier run: " + e4m3);
        assertTrue(e4m3.contains("FmaTile_e4m3_fp32_l3.sv"), e4m3.toString());
        assertNotEquals(first, Files.readAttributes(dir, BasicFileAttributes.class).fileKey(),
                "published by renaming a new folder into place, not by moving files into the old one");
        assertEquals(List.of("fma"), names(tmp), "no temporary folder left");
    }

    @Test
    void aFolderOfSomeoneElsesFilesIsNotReplaced() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(dir.resolve("notes.txt"), "keep");
        CliRun r = CliRun.of("generate", "fma", "--out", dir.toString());
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.firstErrLine().contains("it holds files sohu did not write (notes.txt)"), r::toString);
        assertEquals(List.of("notes.txt"), names(dir));
        assertEquals(List.of("mine"), names(tmp));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
