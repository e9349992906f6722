package sohu.constraints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.hdl.emit.Emitted;
import sohu.hdl.ir.Circuit;

/** The files of a design with several clock domains: the manifest's clocks, OpenLane's clock list, the spec. */
class ClockDomainsFilesTest {
    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(Path f) throws Exception {
        return (Map<String, Object>) MiniJson.parse(Files.readString(f));
    }

    @Test
    void manifestListsEveryDomainWithItsResetAndPorts(@TempDir Path tmp) throws Exception {
        Emitted e = TestDesigns.emit(TestDesigns.example("crossing"), tmp.resolve("x"));
        Map<String, Object> m = json(e.manifest());
        assertEquals(null, m.get("clock"), "no implicit clk");
        assertEquals(List.of(
                Map.of("port", "clk_a", "reset", Map.of("port", "rst_a", "activeHigh", true, "kind", "sync"),
                        "ports", List.of("a_valid", "a_data", "a_ready", "a_flag")),
                Map.of("port", "clk_b", "reset", Map.of("port", "aresetn", "activeHigh", false, "kind", "async"),
                        "ports", List.of("b_value", "b_received", "b_flag"))), m.get("clocks"));
    }

    @Test
    void oneClockManifestsHaveNoClocksList(@TempDir Path tmp) throws Exception {
        Map<String, Object> m = json(TestDesigns.emit(TestDesigns.example("counter"), tmp.resolve("c")).manifest());
        assertEquals("clk", m.get("clock"));
        assertFalse(m.containsKey("clocks"), "one-clock manifests are unchanged: " + m.keySet());
    }

    @Test
    void implicitDomainComesFirstBesideNamedOnes(@TempDir Path tmp) throws Exception {
        Circuit c = sohu.hdl.Elaborator.elaborate(TestDesigns.Mixed.class);
        Emitted e = TestDesigns.emit(c, tmp.resolve("m"));
        List<?> clocks = (List<?>) json(e.manifest()).get("clocks");
        assertEquals(List.of(
                Map.of("port", "clk", "reset", Map.of("port", "rst", "activeHigh", true, "kind", "sync"),
                        "ports", List.of("x", "y")),
                Map.of("port", "clk_io", "reset", Map.of("port", "io_rstn", "activeHigh", false, "kind", "sync"),
                        "ports", List.of("io_q"))), clocks);
        DesignTiming t = FlowFiles.write(e, c, FlowTarget.ASIC, FlowSpec.ofMhz(400).withClockMhz("clk_io", 100)).timing();
        assertEquals(List.of("clk", "clk_io"), t.domains().stream().map(d -> d.clock().name()).toList());
        Map<String, Object> cfg = json(e.dir().resolve("config.json"));
        assertEquals(List.of("clk", "clk_io"), cfg.get("CLOCK_PORT"), "every clock port");
        assertEquals(0, new BigDecimal("2.5").compareTo((BigDecimal) cfg.get("CLOCK_PERIOD")), "the first clock's");
        String sdc = Files.readString(e.dir().resolve(c.top() + ".sdc"));
        assertTrue(sdc.contains("create_clock -name clk_io -period 10.000 [get_ports clk_io]"), sdc);
        assertTrue(sdc.contains("set_clock_groups -asynchronous -group [get_clocks clk] -group [get_clocks clk_io]"), sdc);
    }

    @Test
    void perClockFrequenciesAreValidatedAndSorted() {
        FlowSpec s = FlowSpec.ofMhz(500).withClockMhz("clk_b", 125).withClockMhz("clk_a", 250);
        assertEquals(List.of("clk_a", "clk_b"), List.copyOf(s.clocks().keySet()), "sorted: deterministic files");
        assertEquals(8.0, s.periodNs("clk_b"), 1e-9);
        assertEquals(2.0, s.periodNs("clk"), 1e-9, "unnamed clocks keep the default");
        assertEquals(1.6, s.ioDelayNs("clk_b"), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> FlowSpec.ofMhz(500).withClockMhz("clk_b", 0));
        assertThrows(IllegalArgumentException.class, () -> FlowSpec.ofMhz(500).withClockMhz("clk b", 100));
    }
}
