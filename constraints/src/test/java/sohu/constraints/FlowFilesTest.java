package sohu.constraints;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sohu.hdl.emit.Emitted;
import sohu.hdl.ir.Circuit;

/** Which files each target gets, their determinism, the OpenLane config and the FuseSoC core. */
class FlowFilesTest {
    private static List<String> names(FlowFiles.Written w) {
        return w.files().stream().map(p -> p.getFileName().toString()).toList();
    }

    @ParameterizedTest
    @EnumSource(FlowTarget.class)
    void eachTargetGetsItsFilesWithDeterministicRelativeContent(FlowTarget target, @TempDir Path tmp) throws Exception {
        Circuit c = TestDesigns.example("blackbox");
        Emitted a = TestDesigns.emit(c, tmp.resolve("one"));
        Emitted b = TestDesigns.emit(c, tmp.resolve("elsewhere/two"));
        FlowSpec spec = FlowSpec.ofMhz(250);
        FlowFiles.Written wa = FlowFiles.write(a, c, target, spec);
        FlowFiles.Written wb = FlowFiles.write(b, c, target, spec);
        String top = c.top();
        List<String> expected = switch (target) {
            case GENERIC -> List.of(top + ".sdc", top + ".core");
            case ASIC -> List.of(top + ".sdc", "config.json", top + ".core");
            case XILINX -> List.of(top + "_ooc.xdc", top + ".xdc", top + ".core");
        };
        assertEquals(expected, names(wa));
        assertEquals(expected, names(wb));
        for (String n : expected) {
            byte[] x = Files.readAllBytes(a.dir().resolve(n));
            assertArrayEquals(x, Files.readAllBytes(b.dir().resolve(n)), n + " differs between folders");
            String text = new String(x, java.nio.charset.StandardCharsets.UTF_8);
            assertFalse(text.contains(tmp.toString()) || text.contains(System.getProperty("user.home")),
                    n + " names an absolute path");
            assertFalse(text.matches("(?s).*\\b20\\d\\d-\\d\\d-\\d\\d\\b.*"), n + " contains a date");
        }
        assertArrayEquals(Files.readAllBytes(a.dir().resolve(expected.get(0))),
                FlowFiles.render(wa.timing(), List.of("PopCount8.sv", top + ".sv"), target).get(expected.get(0))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void openLaneConfigParsesAndPointsAtTheFiles(@TempDir Path tmp) throws Exception {
        for (String name : List.of("counter", "blackbox")) {
            Circuit c = TestDesigns.example(name);
            Emitted e = TestDesigns.emit(c, tmp.resolve(name));
            FlowSpec spec = FlowSpec.ofMhz(300);
            FlowFiles.write(e, c, FlowTarget.ASIC, spec);
            @SuppressWarnings("unchecked")
            Map<String, Object> cfg = (Map<String, Object>) MiniJson.parse(Files.readString(e.dir().resolve("config.json")));
            assertEquals(List.of("DESIGN_NAME", "VERILOG_FILES", "CLOCK_PORT", "CLOCK_PERIOD", "PNR_SDC_FILE",
                    "SIGNOFF_SDC_FILE"), List.copyOf(cfg.keySet()));
            assertEquals(c.top(), cfg.get("DESIGN_NAME"));
            List<Object> files = new ArrayList<>();
            for (String line : Files.readAllLines(e.filelist())) {
                files.add("dir::" + line);
            }
            assertEquals(files, cfg.get("VERILOG_FILES"), "the filelist's files, in its order");
            if (name.equals("counter")) {
                assertEquals("clk", cfg.get("CLOCK_PORT"));
            } else {
                assertNull(cfg.get("CLOCK_PORT"), "no clock port: unset");
            }
            assertEquals(0, new BigDecimal("3.333").compareTo((BigDecimal) cfg.get("CLOCK_PERIOD")));
            assertEquals("dir::" + c.top() + ".sdc", cfg.get("PNR_SDC_FILE"));
            assertEquals(cfg.get("PNR_SDC_FILE"), cfg.get("SIGNOFF_SDC_FILE"));
            for (Object f : files) {
                assertTrue(Files.isRegularFile(e.dir().resolve(((String) f).substring(5))), f + " exists");
            }
            assertTrue(Files.readString(e.dir().resolve(c.top() + ".sdc")).contains("-period 3.333"));
        }
    }

    @ParameterizedTest
    @EnumSource(FlowTarget.class)
    void fuseSocCoreHasTheRequiredKeys(FlowTarget target, @TempDir Path tmp) throws Exception {
        Circuit c = TestDesigns.example("blackbox");
        Emitted e = TestDesigns.emit(c, tmp);
        FlowFiles.write(e, c, target, FlowSpec.ofMhz(100));
        String top = c.top();
        List<String> lines = Files.readAllLines(e.dir().resolve(top + ".core"));
        assertEquals("CAPI=2:", lines.get(0));
        assertTrue(lines.contains("name: sohu:generated:" + top + ":0.1.0"), lines.toString());
        assertTrue(lines.contains("filesets:") && lines.contains("targets:"), lines.toString());

        int rtl = lines.indexOf("  rtl:");
        assertEquals("    files:", lines.get(rtl + 1));
        List<String> listed = new ArrayList<>();
        int i = rtl + 2;
        for (; lines.get(i).startsWith("      - "); i++) {
            listed.add(lines.get(i).substring(8));
        }
        assertEquals(Files.readAllLines(e.filelist()), listed, "RTL in the filelist's (dependency) order");
        assertEquals("    file_type: systemVerilogSource", lines.get(i));

        Pattern constraint = Pattern.compile("^      - (\\S+): \\{file_type: (SDC|xdc)\\}$");
        int constraints = 0;
        for (String l : lines) {
            Matcher m = constraint.matcher(l);
            if (m.matches()) {
                constraints++;
                assertTrue(Files.isRegularFile(e.dir().resolve(m.group(1))), m.group(1) + " exists");
                assertEquals(target == FlowTarget.XILINX ? "xdc" : "SDC", m.group(2));
            }
        }
        assertEquals(target == FlowTarget.XILINX ? 2 : 1, constraints);

        for (String t : List.of("default", "lint", "sim", "synth")) {
            int at = lines.indexOf("  " + t + ":");
            assertTrue(at > lines.indexOf("targets:"), "target " + t);
            int end = at + 1;
            while (end < lines.size() && lines.get(end).startsWith("    ")) {
                end++;
            }
            assertTrue(lines.subList(at, end).contains("    toplevel: " + top), t + " has the toplevel");
        }
        assertTrue(lines.get(lines.indexOf("  default:") + 1).equals("    filesets: [rtl]"),
                "a parent core pulls in RTL only, never this block's clocks");
        for (String l : lines) {
            assertFalse(l.contains("\t"), "YAML has no tabs");
        }
    }

    @Test
    void mismatchedCircuitIsRefused(@TempDir Path tmp) {
        Emitted e = TestDesigns.emit(TestDesigns.example("counter"), tmp);
        assertThrows(IllegalArgumentException.class, () ->
                FlowFiles.write(e, TestDesigns.example("fifo"), FlowTarget.GENERIC, FlowSpec.ofMhz(100)));
    }

    @Test
    void specValidatesAndRounds() {
        FlowSpec s = FlowSpec.ofMhz(333.3);
        assertEquals(3.0, s.periodNs(), 0.001);
        assertEquals(0.6, s.ioDelayNs(), 0.001);
        assertEquals(0.25, FlowSpec.ofMhz(100).uncertaintyNs(), 1e-9, "OpenLane's default at slow clocks");
        assertEquals(0.1, FlowSpec.ofMhz(1000).uncertaintyNs(), 1e-9, "capped at 10% of a fast clock");
        assertThrows(IllegalArgumentException.class, () -> FlowSpec.ofMhz(0));
        assertThrows(IllegalArgumentException.class, () -> FlowSpec.ofMhz(100).withIoBudget(0.5));
        assertEquals(FlowTarget.XILINX, FlowTarget.parse("Xilinx"));
        assertThrows(IllegalArgumentException.class, () -> FlowTarget.parse("altera"));
    }
}
