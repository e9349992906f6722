package sohu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code sohu bench gemm}: checked results and counters on a real engine; bad options exit 2. */
class BenchCommandTest {
    @Test
    void gemmOnA2x2EngineIsExactAndMatchesTheCycleModel() {
        CliRun r = CliRun.of("bench", "gemm", "--sizes", "2", "--latency", "1");
        assertEquals(0, r.code(), r.toString());
        List<String> rows = r.out().lines().filter(l -> l.startsWith("2x2 ")).toList();
        assertEquals(4, rows.size(), r.out());
        for (String row : rows) {
            String[] f = row.trim().split("\\s+");
            // util% (measured from the RTL counters) equals model% (EngineTiming), and the result is exact.
            assertEquals(f[11], f[12], row);
            assertEquals("exact", f[13], row);
            long m = Long.parseLong(f[1]);
            long k = Long.parseLong(f[2]);
            long n = Long.parseLong(f[3]);
            long cycles = Long.parseLong(f[4]);
            assertEquals(String.format(java.util.Locale.ROOT, "%.2f", 100.0 * m * k * n / (4.0 * cycles)), f[11], row);
        }
    }

    @Test
    void badOptionsExitTwo() {
        String[][] bad = {{"--sizes", "1"}, {"--latency", "0"}, {"--format", "int4"}};
        String[] want = {"--sizes must be 2..256, got 1", "--latency must be 1..4, got 0", "unknown --format 'int4'"};
        for (int i = 0; i < bad.length; i++) {
            CliRun r = CliRun.of("bench", "gemm", bad[i][0], bad[i][1]);
            assertEquals(2, r.code(), r.toString());
            assertTrue(r.firstErrLine().startsWith("sohu: " + want[i]), r.toString());
        }
        assertEquals(2, CliRun.of("bench", "fma", "--ops", "3").code());
        assertEquals(2, CliRun.of("bench", "elaboration", "SIZES").code());
    }
}
