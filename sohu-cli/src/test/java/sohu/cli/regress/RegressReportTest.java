package sohu.cli.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import sohu.core.fp.FpFormat;
import sohu.core.fp.rtl.FmaTop;
import sohu.verify.BlockCheck;
import sohu.verify.SharedBuilds;
import sohu.verify.Regression;
import sohu.verify.fp.FmaChecks;
import sohu.verify.fp.FmaHarness;

/**
 * The failure report and JUnit XML of a real mismatch: an FMA tile built with latency 2 checked by
 * a harness that expects latency 3 (the RTL's out_valid comes a cycle early).
 */
class RegressReportTest {
    private static BlockCheck fma(String what, int expected) {
        return BlockCheck.of("fma", what, ctx -> {
            var sim = ctx.open("fma_e5m2_l2", () -> FmaTop.elaborate(FpFormat.E5M2, 2), FmaHarness.OPTIONS);
            try (FmaHarness h = FmaHarness.onTop(sim, FpFormat.E5M2, expected, ctx.seed(), 8, ctx.window())) {
                return FmaChecks.random(h, FpFormat.E5M2, 2000, new SplittableRandom(ctx.seed()));
            }
        });
    }

    @Test
    void theFirstMismatchOfABlockIsReportedOnceWithWaveformAndReplayLine(@TempDir Path dir) throws Exception {
        List<Regression.Result> rs = Regression.run(List.of(fma("good", 2), fma("early", 3), fma("late", 1)), 1, 3,
                new SharedBuilds(dir.resolve("rtl")), new Regression.Waves(dir.resolve("waves"), false), r -> { });
        String text = RegressReport.failures(rs, name -> "./sohu regress --check " + name, false);
        List<String> lines = text.lines().toList();
        assertEquals("FAILED fma/early", lines.get(0), text);
        assertTrue(lines.get(1).matches("  cycle \\d+, port out_valid: expected 0, actual 1"), lines.get(1));
        assertTrue(lines.get(2).startsWith("  inputs: E5M2 latency 3, the operation of cycle "), lines.get(2));
        assertEquals("  waveform: " + dir.resolve("waves/fma-early.fst") + " (from cycle 0)", lines.get(3));
        assertEquals("  replay: ./sohu regress --check fma/early", lines.get(4));
        assertEquals(5, lines.size(), "only the block's first failure: " + text);
        assertTrue(Files.size(dir.resolve("waves/fma-early.fst")) > 0);
        assertTrue(RegressReport.table(rs, 1_000_000_000L).contains("  fma         3"), RegressReport.table(rs, 1));

        Map<String, String> props = new LinkedHashMap<>();
        props.put("seed", "3");
        props.put("note", "a <b> & \"c\"");
        String xml = JUnitXml.of(rs, props);
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element suite = (Element) d.getElementsByTagName("testsuite").item(0);
        assertEquals("3", suite.getAttribute("tests"));
        assertEquals("2", suite.getAttribute("failures"));
        assertEquals(2, d.getElementsByTagName("failure").getLength());
        Element prop = (Element) d.getElementsByTagName("property").item(1);
        assertEquals("note", prop.getAttribute("name"));
        assertEquals("a <b> & \"c\"", prop.getAttribute("value"));
    }
}
