package sohu.core.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerfReportTest {

    @Test
    void defaultReportHasEveryHardwareRowAndTheAnnouncementFigures() {
        String r = PerfReport.render();
        for (String s : new String[] {"h100", "h200", "b200", "sohu", "304.0 TFLOP", "140.0 GB", "72.00 GB",
                "6.800 PFLOP/s", "500.0k", "23.00k", "45.00k", "input+output", "output only"}) {
            assertTrue(r.contains(s), () -> "missing '" + s + "' in\n" + r);
        }
    }

    @Test
    void tableRowsAreFixedWidth() {
        String t = PerfReport.table();
        List<String> lines = Arrays.asList(t.split("\n"));
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("hardware")).findFirst().orElseThrow());
        List<String> body = lines.subList(header, lines.size());
        assertEquals(2 + 4, body.size(), "header, rule and one row per preset");
        body.forEach(l -> assertEquals(body.get(0).length(), l.length(), l));
    }

    @Test
    void queryOptionsChangeTheTable() {
        PerfQuery q = PerfQuery.defaults().withModel(TransformerSpec.byName("llama3-8b")).withBatch(512, 64)
                .withFormat(NumberFormat.FP8).withChips(4).withHardware(List.of(HardwareSpec.byName("h100")));
        String t = PerfReport.table(q);
        assertTrue(t.contains("llama3-8b") && t.contains("512 prefill + 64 decode") && t.contains("FP8")
                && t.contains("4-chip"), t);
        assertFalse(t.contains("h200"), t);
    }

    @Test
    void defaultsAreTheAnnouncementWorkload() {
        PerfQuery q = PerfQuery.defaults();
        assertEquals(TransformerSpec.LLAMA3_70B, q.model());
        assertEquals(Batch.of(2048, 127), q.batch());
        assertEquals(8, q.chips());
        assertEquals(NumberFormat.BF16, q.format());
        assertThrows(IllegalArgumentException.class, () -> q.withChips(0));
        assertThrows(IllegalArgumentException.class, () -> q.withBatch(0, 0));
        assertThrows(IllegalArgumentException.class, () -> q.withHardware(List.of()));
    }
}
