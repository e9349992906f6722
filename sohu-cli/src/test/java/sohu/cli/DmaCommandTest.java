package sohu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sohu generate dma} and {@code sohu bench dma}. */
class DmaCommandTest {
    @TempDir
    Path tmp;

    @Test
    void generatesTheEngineWithItsFormatsInTheManifest() throws IOException {
        Path out = tmp.resolve("d");
        CliRun r = CliRun.of("generate", "dma", "--data-bits", "128", "--bursts", "4", "--out", out.toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(Files.exists(out.resolve("DmaEngine_d128_a32_i4_r4_w4_m256_b2048_s20.sv")), r::toString);
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"descriptor_format\"") && manifest.contains("bytesPerRow: 24 bits")
                && manifest.contains("7 BAD_STRIDE") && manifest.contains("\"read_bursts\": 4"), manifest);
    }

    @Test
    void refusesAnIllegalWidthAndWritesNothing() {
        Path out = tmp.resolve("d");
        CliRun r = CliRun.of("generate", "dma", "--data-bits", "96", "--out", out.toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("--data-bits must be a power of two 64..1024, got 96"), r::toString);
        assertFalse(Files.exists(out));
    }

    @Test
    void benchPrintsUtilizationAndWritesThePlot() {
        CliRun r = CliRun.of("bench", "dma", "--sizes", "4096", "--latencies", "100", "--no-sweep", "--total", "16384",
                "--kv-tokens", "64", "--kv-head-dims", "64", "--out", tmp.toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().matches("(?s).*\\n\\s+100\\s+4K\\s+\\d+\\.\\d%\\s+\\d+\\.\\d%\\s+\\d+\\.\\d%\\n.*"), r::toString);
        assertTrue(r.out().matches("(?s).*KV gathers.*\\n\\s+100\\s+64\\s+2K\\s+\\d+\\.\\d%\\n.*"), r::toString);
        assertTrue(Files.exists(tmp.resolve("dma-utilization.png")), r::toString);
    }

    @Test
    void benchRefusesAKvSequenceThatIsNotAPowerOfTwo() {
        CliRun r = CliRun.of("bench", "dma", "--kv-only", "--kv-tokens", "100", "--out", tmp.toString());
        assertTrue(r.code() != 0, r::toString);
        assertTrue(r.err().contains("--kv-tokens must be a power of two 16..8192, got 100"), r::toString);
    }
}
