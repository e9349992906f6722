package sohu.hdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.hdl.exec.CommandResult;
import sohu.hdl.exec.ExternalCommand;

/** The generator writes byte-identical files in two separate JVMs (hash seeds and lambda names differ per JVM). */
class CrossJvmDeterminismTest {
    @TempDir
    Path tmp;

    private static void generate(Path out) {
        String java = ProcessHandle.current().info().command().orElse("java");
        CommandResult r = ExternalCommand.of(java, "-cp", System.getProperty("java.class.path"),
                DeterminismMain.class.getName(), out.toString()).run();
        assertEquals(0, r.exit(), "generator JVM failed:\n" + r.output());
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }

    @Test
    void twoJvmsWriteTheSameFiles() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        generate(a);
        generate(b);
        List<Path> names = files(a);
        assertEquals(names, files(b), "both JVMs write the same file names");
        assertTrue(names.size() > 20, "every example was written: " + names);
        assertTrue(names.contains(Path.of("fn", "Fn_width4_ffn.sv")), names.toString());
        for (Path f : names) {
            assertEquals(-1L, Files.mismatch(a.resolve(f), b.resolve(f)), f + " differs between the two JVMs");
        }
    }
}
