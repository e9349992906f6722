package sohu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import sohu.hdl.examples.Examples;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
    @TempDir
    Path tmp;

    @Test
    void generateWritesEveryExampleAndPrintsTheAbsolutePath() throws IOException {
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("generate", "--out", out.toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains(out.toAbsolutePath().toString()), r::toString);
        for (Examples.Example e : Examples.all()) {
            Path dir = out.resolve(e.name());
            assertTrue(Files.isRegularFile(dir.resolve("manifest.json")), "no manifest for " + e.name());
            try (Stream<Path> s = Files.list(dir)) {
                List<String> files = s.map(p -> p.getFileName().toString()).toList();
                assertTrue(files.stream().anyMatch(f -> f.endsWith(".sv")), e.name() + ": " + files);
                assertTrue(files.stream().anyMatch(f -> f.endsWith(".f")), e.name() + ": " + files);
            }
            assertTrue(r.out().contains(e.name() + ": top "), "no summary line for " + e.name() + "\n" + r);
        }
        String sv = Files.readString(out.resolve("counter/Counter_w8_lim200.sv"));
        assertTrue(sv.contains("module Counter_w8_lim200"), sv);
        String manifest = Files.readString(out.resolve("counter/manifest.json"));
        assertTrue(manifest.contains("\"target\": \"generic\""), manifest);
        assertTrue(r.err().isEmpty(), r::toString);
        assertEquals(List.of("out"), listNames(tmp), "temporary folders left behind");
    }

    @Test
    void targetAndClockGoIntoTheManifest() throws IOException {
        Path out = tmp.resolve("x");
        CliRun r = CliRun.of("generate", "examples", "--only", "counter", "--target", "XILINX",
                "--clock-mhz", "312.5", "-o", out.toString());
        assertEquals(0, r.code(), r::toString);
        assertEquals(List.of("counter"), listNames(out));
        String manifest = Files.readString(out.resolve("counter/manifest.json"));
        assertTrue(manifest.contains("\"target\": \"xilinx\""), manifest);
        assertTrue(manifest.contains("\"clockMhz\": 312.5"), manifest);
        assertTrue(r.out().contains("target xilinx, clock 312.5 MHz"), r::toString);
    }

    @Test
    void regeneratingReplacesDesignFoldersAndKeepsOtherFiles() throws IOException {
        Path out = tmp.resolve("out");
        Files.createDirectories(out.resolve("counter"));
        Files.writeString(out.resolve("counter/stale.sv"), "old");
        Files.writeString(out.resolve("notes.txt"), "mine");
        CliRun r = CliRun.of("generate", "--out", out.toString());
        assertEquals(0, r.code(), r::toString);
        assertFalse(Files.exists(out.resolve("counter/stale.sv")));
        assertTrue(Files.exists(out.resolve("counter/Counter_w8_lim200.sv")));
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
        assertEquals(List.of("out"), listNames(tmp), "temporary folders left behind");
    }

    @Test
    void folderUnderARegularFileFailsInOneLineAndWritesNothing() throws IOException {
        Path file = Files.writeString(tmp.resolve("plain.txt"), "not a folder");
        CliRun r = CliRun.of("generate", "--out", file.resolve("out").toString());
        assertNotEquals(0, r.code(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.firstErrLine().startsWith("sohu: cannot write into "), r::toString);
        assertTrue(r.firstErrLine().contains("is a file, not a folder"), r::toString);
        assertTrue(r.out().isEmpty(), r::toString);
        assertEquals(List.of("plain.txt"), listNames(tmp));
        assertEquals("not a folder", Files.readString(file));
    }

    @Test
    void outputFolderThatIsAFileFails() throws IOException {
        Path file = Files.writeString(tmp.resolve("out"), "x");
        CliRun r = CliRun.of("generate", "--out", file.toString());
        assertNotEquals(0, r.code(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.firstErrLine().contains("exists and is not a folder"), r::toString);
        assertEquals(List.of("out"), listNames(tmp));
    }

    @Test
    void clockOutOfRangeIsAUsageError() {
        for (String bad : List.of("0", "-5", "20000", "NaN")) {
            CliRun r = CliRun.of("generate", "--clock-mhz", bad, "--out", tmp.resolve("o").toString());
            assertEquals(2, r.code(), r::toString);
            assertTrue(r.firstErrLine().startsWith("sohu: ") && r.firstErrLine().contains("--clock-mhz"), r::toString);
            assertFalse(r.err().contains("Exception"), r::toString);
            assertFalse(Files.exists(tmp.resolve("o")));
        }
    }

    @Test
    void unknownTargetIsAUsageError() {
        CliRun r = CliRun.of("generate", "--target", "altera", "--out", tmp.resolve("o").toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.firstErrLine().contains("--target"), r::toString);
    }

    @Test
    void unknownExampleIsAUsageError() {
        CliRun r = CliRun.of("generate", "examples", "--only", "nonesuch", "--out", tmp.resolve("o").toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.firstErrLine().contains("unknown example 'nonesuch'"), r::toString);
        assertFalse(Files.exists(tmp.resolve("o")));
    }

    @Test
    void examplesHaveUniqueFolderNames() {
        Set<String> seen = new HashSet<>();
        for (Examples.Example e : Examples.all()) {
            assertTrue(e.name().matches("[A-Za-z0-9][A-Za-z0-9_.-]*"), e.name());
            assertTrue(seen.add(e.name()), "duplicate " + e.name());
            assertFalse(e.description().isBlank(), e.name());
        }
        assertTrue(seen.contains("counter"));
    }

    private static List<String> listNames(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
