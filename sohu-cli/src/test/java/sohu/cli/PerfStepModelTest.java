package sohu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@code sohu perf --sohu-array}: the options are checked before the (slow) step cycle model runs,
 * and the Llama presets are timed on a full-size core (behind {@code -Dsohu.long=true}: a minute).
 */
class PerfStepModelTest {
    @Test
    void badStepModelOptionsExitTwo() {
        String[][] bad = {
            {"--sohu-array", "16x8"}, {"--sohu-array", "big"}, {"--sohu-array", "12x12"},
            {"--sohu-array", "16x16", "--sohu-format", "int4"}, {"--sohu-format", "bf16"},
            {"--sohu-array", "16x16", "--hw", "h100"}, {"--mlperf", "--sohu-array", "16x16"},
            {"--sohu-array", "16x16", "--sohu-depth", "1000"}, {"--sohu-array", "16x16", "--sohu-axi-bytes", "0"},
            {"--sohu-depth", "4096"}};
        String[] want = {"--sohu-array 16x8: the array must be square", "--sohu-array must be RxR",
            "--sohu-array 12x12: core: array rows must be a power of two", "--sohu-format: unknown format 'int4'", "--sohu-format applies to --sohu-array",
            "--sohu-array sets the sohu row, which --hw leaves out", "--mlperf runs the published MLPerf systems",
            "--sohu-array 16x16: core: --sohu-depth must be a power of two in 2..4096, got 1000",
            "--sohu-array 16x16: core: --sohu-axi-bytes must be at least 1, got 0",
            "--sohu-depth applies to --sohu-array"};
        for (int i = 0; i < bad.length; i++) {
            String[] args = new String[bad[i].length + 1];
            args[0] = "perf";
            System.arraycopy(bad[i], 0, args, 1, bad[i].length);
            CliRun r = CliRun.of(args);
            assertEquals(2, r.code(), r.toString());
            assertTrue(r.firstErrLine().startsWith("sohu: " + want[i]), r.toString());
        }
    }

    /**
     * Llama-3-8B and -70B (FFN rows of 14336 and 28672 elements, 70B's hidden and query rows of
     * 8192: all wider than one VECTOR) compile for one 256x256 core and the chip row takes the step's
     * utilization.
     */
    @Test
    @EnabledIfSystemProperty(named = "sohu.long", matches = "true")
    void thePresetsAreTimedOnAFullSizeCore() {
        Pattern util = Pattern.compile("timed per instruction: ([0-9.e+]+) cycles, ideal ([0-9.e+]+), utilization "
                + "([0-9.]+)%");
        for (String model : new String[] {"llama3-8b", "llama3-70b"}) {
            CliRun r = CliRun.of("perf", "--model", model, "--sohu-array", "256x256", "--hw", "sohu");
            assertEquals(0, r.code(), r.toString());
            Matcher m = util.matcher(r.out());
            assertTrue(m.find(), r.out());
            double cycles = Double.parseDouble(m.group(1));
            double ideal = Double.parseDouble(m.group(2));
            double percent = Double.parseDouble(m.group(3));
            assertTrue(ideal > 0 && cycles > ideal, model + ": " + m.group());
            assertEquals(100 * ideal / cycles, percent, 0.006, model + ": " + m.group());
            // the chip's utilization row says where the figure comes from and shows it (one decimal)
            Matcher row = Pattern.compile("sohu +utilization +([0-9.]+)% +set by the caller").matcher(r.out());
            assertTrue(row.find(), r.out());
            assertEquals(percent, Double.parseDouble(row.group(1)), 0.051, model);
        }
    }
}
