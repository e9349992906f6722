package sohu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --clock-mhz F} for every clock and {@code --clock-mhz PORT=F} for one, through the whole CLI. */
class ClockOptionsTest {
    @TempDir
    Path tmp;

    @Test
    void eachClockGetsItsOwnFrequency() throws Exception {
        Path out = tmp.resolve("x");
        CliRun r = CliRun.of("generate", "examples", "--only", "crossing,counter", "--clock-mhz", "400",
                "--clock-mhz", "clk_b=125", "-o", out.toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("target generic, clock 400 MHz, clk_b 125 MHz"), r::toString);
        String sdc = Files.readString(out.resolve("crossing/ClockCrossing_w8.sdc"));
        assertTrue(sdc.contains("create_clock -name clk_a -period 2.500 [get_ports clk_a]"), sdc);
        assertTrue(sdc.contains("create_clock -name clk_b -period 8.000 [get_ports clk_b]"), sdc);
        assertTrue(sdc.contains("set_clock_groups -asynchronous -group [get_clocks clk_a] -group [get_clocks clk_b]"), sdc);
        String manifest = Files.readString(out.resolve("crossing/manifest.json"));
        assertTrue(manifest.contains("\"clocksMhz\": {\n    \"clk_b\": 125.0\n  }"), manifest);
        assertTrue(Files.readString(out.resolve("counter/Counter_w8_lim200.sdc")).contains("-period 2.500 [get_ports clk]"),
                "a design without clk_b keeps the default");
    }

    @Test
    void mistakesAreUsageErrorsAndWriteNothing() {
        for (List<String> bad : List.of(List.of("clk_b=0"), List.of("clk_b=fast"), List.of("clk b=100"),
                List.of("300", "400"), List.of("clk_b=100", "clk_b=200"))) {
            List<String> args = new java.util.ArrayList<>(List.of("generate", "examples", "--only", "crossing"));
            bad.forEach(v -> args.addAll(List.of("--clock-mhz", v)));
            args.addAll(List.of("-o", tmp.resolve("o").toString()));
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(2, r.code(), r::toString);
            assertTrue(r.firstErrLine().startsWith("sohu: ") && r.firstErrLine().contains("--clock-mhz"), r::toString);
            assertFalse(r.err().contains("Exception"), r::toString);
            assertFalse(Files.exists(tmp.resolve("o")), "nothing written for " + bad);
        }
    }

    @Test
    void aClockNoDesignHasIsRefusedBeforeWriting() {
        CliRun r = CliRun.of("generate", "examples", "--only", "crossing,counter", "--clock-mhz", "clk_c=100",
                "-o", tmp.resolve("o").toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.firstErrLine().contains("clk_c") && r.firstErrLine().contains("clk, clk_a, clk_b"), r::toString);
        assertFalse(Files.exists(tmp.resolve("o")), "nothing written");
    }
}
