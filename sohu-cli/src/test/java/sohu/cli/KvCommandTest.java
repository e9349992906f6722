package sohu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sohu generate kv}. */
class KvCommandTest {
    @TempDir
    Path tmp;

    @Test
    void generatesTheUnitWithItsFormatsInTheManifest() throws IOException {
        Path out = tmp.resolve("kv");
        CliRun r = CliRun.of("generate", "kv", "--layers", "4", "--kv-heads", "2", "--head-dim", "64", "--blocks", "256",
                "--sequences", "8", "--blocks-per-sequence", "16", "--hbm-base", "0x1000", "--out", out.toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(Files.exists(out.resolve("KvCache_bt16_l4_h2_d64_e2_b256_s8x16_f4_a1000.sv")), r::toString);
        assertTrue(Files.exists(out.resolve("manifest.json")), r::toString);
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"command_format\"") && manifest.contains("spad[31:0]")
                && manifest.contains("\"status_codes\"") && manifest.contains("4=UNMAPPED")
                && manifest.contains("\"dma_descriptor_format\"") && manifest.contains("\"hbm_base\": 4096"), manifest);
        assertTrue(r.out().contains("2048 B per block run"), r::toString);
    }

    @Test
    void badSizesNameTheirOptionAndWriteNothing() {
        Path out = tmp.resolve("kv");
        CliRun r = CliRun.of("generate", "kv", "--block-tokens", "12", "--out", out.toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("--block-tokens must be a power of two 2..1024, got 12"), r::toString);
        CliRun s = CliRun.of("generate", "kv", "--sequences", "6", "--out", out.toString());
        assertEquals(2, s.code(), s::toString);
        assertTrue(s.err().contains("--sequences must be a power of two"), s::toString);
        CliRun b = CliRun.of("generate", "kv", "--hbm-base", "zz", "--out", out.toString());
        assertEquals(2, b.code(), b::toString);
        assertTrue(b.err().contains("--hbm-base must be a number"), b::toString);
        assertFalse(Files.exists(out));
    }

    @Test
    void benchPrintsTheTranslationTable() {
        CliRun r = CliRun.of("bench", "kv", "--tokens", "16,40");
        assertEquals(0, r.code(), r::toString);
        // 40 tokens: 3 descriptors, the first 3 cycles after acceptance, the completion 7 cycles after the offer
        assertTrue(r.out().matches("(?s).*\\n\\s+40\\s+3\\s+3\\s+7\\s+10240\\s+160\\n.*"), r::toString);
        assertTrue(r.out().contains("64 back-to-back one-block gathers"), r::toString);
        assertEquals(2, CliRun.of("bench", "kv", "--block-tokens", "3").code());
    }
}
