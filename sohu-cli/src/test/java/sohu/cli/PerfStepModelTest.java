package sohu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code sohu perf --sohu-array}: the options are checked before the (slow) step cycle model runs. */
class PerfStepModelTest {
    @Test
    void badStepModelOptionsExitTwo() {
        String[][] bad = {
            {"--sohu-array", "16x8"}, {"--sohu-array", "big"}, {"--sohu-array", "12x12"},
            {"--sohu-array", "16x16", "--sohu-format", "int4"}, {"--sohu-format", "bf16"},
            {"--sohu-array", "16x16", "--hw", "h100"}, {"--mlperf", "--sohu-array", "16x16"}};
        String[] want = {"--sohu-array 16x8: the array must be square", "--sohu-array must be RxR",
            "--sohu-array 12x12: the step cycle model cannot time llama3-70b on this core: core: array rows must be a "
                    + "power of two", "--sohu-format: unknown format 'int4'", "--sohu-format applies to --sohu-array",
            "--sohu-array sets the sohu row, which --hw leaves out", "--mlperf runs the published MLPerf systems"};
        for (int i = 0; i < bad.length; i++) {
            String[] args = new String[bad[i].length + 1];
            args[0] = "perf";
            System.arraycopy(bad[i], 0, args, 1, bad[i].length);
            CliRun r = CliRun.of(args);
            assertEquals(2, r.code(), r.toString());
            assertTrue(r.firstErrLine().startsWith("sohu: " + want[i]), r.toString());
        }
    }
}
