package sohu.core.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the report says about layouts, capacity and bounds, checked against hand arithmetic. */
class PerfReportTest {

    private static List<String> rows(String report, String hardware) {
        return report.lines().filter(l -> l.startsWith(hardware + " ")).toList();
    }

    @Test
    void aModelThatCannotFitOneGpuSaysSoAndWhatWouldFit() {
        // BF16 Llama-3-70B is 141 GB of weights; 90% of an 80 GB H100 is 72 GB. FP8 (70.6 GB + 45.6 GB of KV)
        // and two chips (70.6 + 45.3 GB) do not fit either; four chips (35.3 + 22.6 GB) do.
        PerfQuery q = PerfQuery.defaults().withChips(1).withHardware(List.of(GpuSpec.H100_SXM));
        String r = PerfReport.layouts(q);
        assertTrue(r.contains("no: 4 chips/replica"), r);
        assertTrue(r.contains("none fits"), r);
        assertFalse(r.contains("yes"), r);
    }

    @Test
    void theBoundColumnNamesCommunicationWhenItIsTheLargestTerm() {
        // Sohu TP8, BF16: per all-reduce 2175 x 8192 x 2 B = 35.6 MB; a tree sends 1.75 x that at 0.8 x 450 GB/s,
        // 160 times per step: 27.7 ms (+ 160 x 6 x 2 us) against 4.4 ms of compute and 4.8 ms of HBM.
        String r = PerfReport.layouts(PerfQuery.defaults().withHardware(List.of(SohuChip.DEFAULT)));
        String tp8 = rows(r, "sohu").stream().filter(l -> l.contains(" tp8 ")).findFirst().orElseThrow();
        assertTrue(tp8.contains(" comm "), tp8);
        double expectedMs = 160 * (2175.0 * 8192 * 2 * 1.75 / (0.8 * 450e9) + 6 * 2e-6) * 1e3;
        assertTrue(tp8.contains(String.format(java.util.Locale.ROOT, "%.2f ms", expectedMs)), tp8 + " vs "
                + expectedMs);
    }

    @Test
    void everyPresetConstantIsPrintedWithItsSource() {
        String r = PerfReport.constants(HardwareSpec.presets());
        for (HardwareSpec hw : HardwareSpec.presets()) {
            for (Fact f : hw.facts()) {
                assertTrue(rows(r, hw.name()).stream().anyMatch(l -> l.contains(f.quantity()) && l.endsWith(f.source())),
                        f::toString);
            }
        }
        long assumptions = r.lines().filter(l -> l.contains("ASSUMPTION: ")).count();
        assertTrue(assumptions >= 7, "arrays, clock, HBM bandwidth, link, switch of Sohu; GPU utilizations\n" + r);
    }

    @Test
    void claimsAlwaysUseTheAnnouncementsServerNotTheQuery() {
        String base = PerfReport.comparison(PerfQuery.defaults());
        String other = PerfReport.comparison(PerfQuery.defaults().withChips(1).withFormat(NumberFormat.FP32));
        assertEquals(base, other);
        assertTrue(base.contains("8 x sohu"), base);
    }

    @Test
    void tableRowsAreFixedWidth() {
        String t = PerfReport.layouts(PerfQuery.defaults());
        List<String> lines = Arrays.asList(t.split("\n"));
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("hardware")).findFirst().orElseThrow());
        List<String> body = lines.subList(header, header + 2 + 4 * 10);
        body.forEach(l -> assertEquals(body.get(0).length(), l.length(), l));
    }

    @Test
    void queryOptionsChangeTheTable() {
        PerfQuery q = PerfQuery.defaults().withModel(TransformerSpec.byName("llama3-8b")).withBatch(512, 64)
                .withFormat(NumberFormat.FP8).withChips(4).withHardware(List.of(HardwareSpec.byName("h100")))
                .withParallel(ParallelMode.TP);
        String t = PerfReport.layouts(q);
        assertTrue(t.contains("llama3-8b") && t.contains("512 prefill + 64 decode") && t.contains("FP8")
                && t.contains("4-chip") && t.contains("--parallel tp"), t);
        assertFalse(t.contains("h200"), t);
        assertEquals(6, rows(t, "h100").size() - 1, "ring, tree, switch x serial, overlap; plus the best row\n" + t);
    }

    @Test
    void defaultsAreTheAnnouncementWorkload() {
        PerfQuery q = PerfQuery.defaults();
        assertEquals(TransformerSpec.LLAMA3_70B, q.model());
        assertEquals(Batch.of(2048, 127), q.batch());
        assertEquals(8, q.chips());
        assertEquals(NumberFormat.BF16, q.format());
        assertEquals(ParallelMode.AUTO, q.parallel());
        assertThrows(IllegalArgumentException.class, () -> q.withChips(0));
        assertThrows(IllegalArgumentException.class, () -> q.withBatch(0, 0));
        assertThrows(IllegalArgumentException.class, () -> q.withHardware(List.of()));
    }
}
