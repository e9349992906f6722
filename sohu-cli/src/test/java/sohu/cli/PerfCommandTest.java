package sohu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import sohu.core.perf.PerfReport;

class PerfCommandTest {
    @Test
    void defaultsPrintTheReportForLlama70B() {
        CliRun r = CliRun.of("perf");
        assertEquals(0, r.code(), r::toString);
        assertEquals(PerfReport.render(), r.out());
        assertTrue(r.out().contains("Llama-3-70B"), r::toString);
        for (String hw : List.of("h100", "h200", "b200", "sohu")) {
            assertTrue(r.out().contains(hw), hw + " missing\n" + r);
        }
        assertTrue(r.err().isEmpty(), r::toString);
    }

    @Test
    void optionsShapeTheQuery() {
        CliRun r = CliRun.of("perf", "--model", "Llama-3-8B", "--prefill", "0", "--decode", "64", "--format", "FP8",
                "--chips", "4", "--hw", "h100,sohu");
        assertEquals(0, r.code(), r::toString);
        String head = r.out().lines().findFirst().orElse("");
        assertTrue(head.contains("llama3-8b") && head.contains("0 prefill + 64 decode") && head.contains("FP8")
                && head.contains("4-chip"), head);
        String table = r.out().substring(0, r.out().indexOf("Announcement vs model"));
        assertTrue(table.contains("h100") && table.contains("sohu"), table);
        assertFalse(table.contains("b200") || table.contains("h200"), table);
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
                List.of("--decode", "many"));
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
