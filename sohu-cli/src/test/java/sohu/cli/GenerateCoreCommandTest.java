package sohu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** {@code sohu generate core}: the whole core with its manifest and constraints; bad sizes before anything is written. */
class GenerateCoreCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesTheCoreWithItsRegisterMapAndConstraints() throws IOException {
        Path out = tmp.resolve("core");
        CliRun r = CliRun.of("generate", "core", "--array", "4x4", "--format", "e4m3", "--depth", "256", "--target", "xilinx",
                "--out", out.toString());
        assertEquals(0, r.code(), r::toString);
        String top = "SohuCore_4x4_e4m3_a256_w256_c256_v256_d256";
        assertTrue(Files.readString(out.resolve(top + ".sv")).contains("module " + top), r::toString);
        String manifest = Files.readString(out.resolve("manifest.json"));
        for (String s : new String[] {"\"kind\": \"core\"", "\"array\": \"4x4\"", "0x000 CTRL", "0x010 STATUS", "ARRAY_BUSY_LO",
            "docs/ISA.md"}) {
            assertTrue(manifest.contains(s), s + " missing from\n" + manifest);
        }
        try (var files = Files.list(out)) {
            assertTrue(files.anyMatch(f -> f.toString().endsWith(".xdc")), "no XDC written");
        }
    }

    @Test
    void aDepthThatIsNotAPowerOfTwoIsAUsageErrorAndWritesNothing() {
        Path out = tmp.resolve("bad");
        CliRun r = CliRun.of("generate", "core", "--depth", "1000", "--out", out.toString());
        assertEquals(Main.EXIT_USAGE, r.code(), r::toString);
        assertEquals("sohu: core: --depth must be a power of two in 2..4096, got 1000\n", r.err(), r::toString);
        assertFalse(Files.exists(out));
    }

    @Test
    void theAxiWidthAndTheBurstsInFlightAreParameters() throws IOException {
        Path out = tmp.resolve("bus");
        CliRun r = CliRun.of("generate", "core", "--array", "2x2", "--depth", "256", "--axi-bits", "128", "--bursts", "4",
                "--out", out.toString());
        assertEquals(0, r.code(), r::toString);
        String manifest = Files.readString(out.resolve("manifest.json"));
        for (String s : new String[] {"\"data_bits\": 128", "\"read_bursts\": 4", "\"write_bursts\": 4"}) {
            assertTrue(manifest.contains(s), s + " missing from\n" + manifest);
        }
        assertTrue(r.out().contains("128-bit AXI4"), r::toString);
    }

    @Test
    void aBadBusIsAUsageErrorAndWritesNothing() {
        Path out = tmp.resolve("badbus");
        CliRun bits = CliRun.of("generate", "core", "--axi-bits", "96", "--out", out.toString());
        assertEquals(Main.EXIT_USAGE, bits.code(), bits::toString);
        assertEquals("sohu: --axi-bits must be a power of two in 64..1024, got 96\n", bits.err(), bits::toString);
        CliRun bursts = CliRun.of("generate", "core", "--bursts", "0", "--out", out.toString());
        assertEquals(Main.EXIT_USAGE, bursts.code(), bursts::toString);
        assertEquals("sohu: --bursts must be 1..64, got 0\n", bursts.err(), bursts::toString);
        assertFalse(Files.exists(out));
    }

    /** The size a real chip would use: a 256x256 E4M3 core elaborates and emits (73 s, 1.3 GB on the 2-core machine). */
    @Test
    @EnabledIfSystemProperty(named = "sohu.long", matches = "true")
    void a256x256CoreElaboratesAndEmits() throws IOException {
        Path out = tmp.resolve("big");
        CliRun r = CliRun.of("generate", "core", "--array", "256x256", "--format", "e4m3", "--out", out.toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"array\": \"256x256\""));
    }
}
