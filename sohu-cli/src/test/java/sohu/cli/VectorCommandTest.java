package sohu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sohu generate vector} and {@code sohu bench vector}. */
class VectorCommandTest {
    @TempDir
    Path tmp;

    @Test
    void generatesTheUnitWithItsManifest() throws IOException {
        Path out = tmp.resolve("v");
        CliRun r = CliRun.of("generate", "vector", "--lanes", "4", "--format", "e5m2", "--out", out.toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(Files.exists(out.resolve("VectorUnit_l4_e5m2.sv")), r::toString);
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"lanes\"") && manifest.contains("E5M2"), manifest);
    }

    @Test
    void refusesAUnitTooNarrowForItsArray() {
        Path out = tmp.resolve("v");
        CliRun r = CliRun.of("generate", "vector", "--lanes", "8", "--array", "64x64", "--head-dim", "64",
                "--out", out.toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("use --lanes 16 or more"), r::toString);
        assertFalse(Files.exists(out));
        CliRun bad = CliRun.of("generate", "vector", "--lanes", "6", "--out", out.toString());
        assertEquals(2, bad.code(), bad::toString);
        assertTrue(bad.err().contains("power of two"), bad::toString);
    }

    @Test
    void benchPrintsTheTables() {
        CliRun r = CliRun.of("bench", "vector", "--samples", "2000", "--stride", "1000003", "--lanes", "16",
                "--sim-lanes", "2");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("softmax 2048"), r::toString);
        // 16 lanes: 3 instructions of 1 + 128 words + 22 drain cycles.
        assertTrue(r.out().matches("(?s).*\\n\\s+16\\s+22\\s+453\\s+1070\\s.*"), r::toString);
        // Measured in Verilator, 2 lanes: drain 16 + 2 + 1; softmax 3 × (1 + 1024 + 19), RMSNorm 2 × (1 + 4096 + 19).
        assertTrue(r.out().matches("(?s).*\\n\\s+2\\s+3132\\s+8232\\s+equal\\n.*"), r::toString);
    }
}
