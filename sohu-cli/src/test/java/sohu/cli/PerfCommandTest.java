package sohu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import sohu.core.perf.SohuChip;

/** {@code sohu perf} against hand arithmetic and the published MLPerf band. */
class PerfCommandTest {

    @Test
    void sohuReplicasPrintTheComputeBoundThroughputWorkedOutByHand() {
        CliRun r = CliRun.of("perf", "--hw", "sohu", "--format", "fp8", "--parallel", "dp");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.err().isEmpty(), r::toString);
        // Llama-3-70B step: 2175 x 2 x matmul params + causal prompt and decode attention.
        double matmul = 80.0 * (2.0 * 8192 * 8192 + 2.0 * 8192 * 1024 + 3.0 * 8192 * 28672) + 128256.0 * 8192;
        double flops = 2175 * 2 * matmul + 4.0 * 80 * 64 * 128 * (2048.0 * 2049 / 2 + 127.0 * 2175);
        double peak = 2.0 * 256 * 256 * 64 * 1.2e9 * SohuChip.DEFAULT.utilization();
        String expected = String.format(Locale.ROOT, "%.1fk", 8 * 2175 * peak / flops / 1e3);
        String row = r.out().lines().filter(l -> l.startsWith("sohu ") && l.contains(" dp8 ")).findFirst()
                .orElseThrow();
        assertTrue(row.contains(" " + expected + " "), row + " should show " + expected);
        assertTrue(row.contains(" yes "), row);
    }

    @Test
    void mlperfRatiosStayInTheStatedBand() {
        CliRun r = CliRun.of("perf", "--mlperf");
        assertEquals(0, r.code(), r::toString);
        List<String> rows = r.out().lines().filter(l -> l.matches("v\\d\\.\\d +8 x .*")).toList();
        assertEquals(5, rows.size(), r.out());
        for (String row : rows) {
            double ratio = Double.parseDouble(row.split(" {2,}")[5].trim());
            assertTrue(ratio >= 0.80 && ratio <= 1.25, row);
        }
    }

    @Test
    void optionsShapeTheQuery() {
        CliRun r = CliRun.of("perf", "--model", "Llama-3-8B", "--prefill", "0", "--decode", "64", "--format", "FP8",
                "--chips", "4", "--hw", "h100,sohu", "--parallel", "tp");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("llama3-8b") && r.out().contains("0 prefill + 64 decode")
                && r.out().contains("4-chip") && r.out().contains("--parallel tp"), r.out());
        String table = r.out().substring(r.out().indexOf("Model "), r.out().indexOf("Announcement vs model"));
        assertTrue(table.contains("h100 ") && table.contains("sohu "), table);
        assertFalse(table.contains("b200") || table.contains("h200"), table);
        assertTrue(table.contains("tp4 ring serial") && table.contains("tp4 switch overlap"), table);
    }

    @Test
    void badValuesAreOneLineUsageErrors() {
        List<List<String>> cases = List.of(
                List.of("--model", "gpt-5"),
                List.of("--format", "int4"),
                List.of("--hw", "h100,tpu"),
                List.of("--chips", "0"),
                List.of("--prefill", "-1"),
                List.of("--prefill", "0", "--decode", "0"),
                List.of("--decode", "many"),
                List.of("--parallel", "zero"),
                List.of("--mlperf", "--chips", "4"));
        for (List<String> c : cases) {
            String[] args = new String[c.size() + 1];
            args[0] = "perf";
            for (int i = 0; i < c.size(); i++) {
                args[i + 1] = c.get(i);
            }
            CliRun r = CliRun.of(args);
            assertEquals(2, r.code(), () -> c + "\n" + r);
            assertTrue(r.firstErrLine().startsWith("sohu: "), () -> c + "\n" + r);
            assertFalse(r.err().contains("Exception"), () -> c + "\n" + r);
            assertTrue(r.out().isEmpty(), () -> c + "\n" + r);
        }
    }
}
