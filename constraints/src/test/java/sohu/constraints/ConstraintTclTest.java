package sohu.constraints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import sohu.hdl.emit.Emitted;
import sohu.hdl.ir.Circuit;
import sohu.hdl.ir.Stmt;

/**
 * Every design's SDC (generic and ASIC) and XDC pair, sourced in a real tclsh against stub
 * commands that check each named port exists in the emitted RTL; the recorded calls must
 * constrain each clock with the right period, make several clocks unrelated, and delay every
 * other port once against the clock of its domain, and nothing else.
 */
class ConstraintTclTest {
    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (TestDesigns.Design d : TestDesigns.all()) {
            for (FlowTarget t : FlowTarget.values()) {
                out.add(Arguments.of(d.name(), t));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void constraintsCoverEveryPort(String name, FlowTarget target, @TempDir Path tmp) throws Exception {
        TestDesigns.Design d = TestDesigns.all().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        Emitted e = TestDesigns.emit(d.circuit(), tmp.resolve("rtl"));
        FlowSpec spec = FlowSpec.ofMhz(target == FlowTarget.XILINX ? 250 : 333.3);
        FlowFiles.Written w = FlowFiles.write(e, d.circuit(), target, spec);
        Map<String, String[]> ports = TestDesigns.portsInRtl(e);
        assertEquals(e.topPorts().stream().map(p -> p.name()).toList(), List.copyOf(ports.keySet()),
                "ports in the RTL text and in Emitted.topPorts");

        String top = e.top();
        Path timing = e.dir().resolve(target == FlowTarget.XILINX ? top + "_ooc.xdc" : top + ".sdc");
        assertTrue(w.files().contains(timing), "written: " + w.files());
        String text = Files.readString(timing);
        assertFalse(text.contains("all_inputs") || text.contains("all_outputs"), text);

        TclCheck.Result r = TclCheck.run(timing, ports, tmp);
        assertEquals(0, r.exit(), "tclsh on " + timing.getFileName() + ":\n" + r.output() + "\n" + text);

        // The clock each port is timed against, from the IR's domains: a named domain's clock
        // ports get none, its members and reset its clock, every other port the implicit clock.
        List<Stmt.ClockDomain> named = d.circuit().topModule().clockDomains();
        Map<String, String> clockOf = new LinkedHashMap<>();
        for (Stmt.ClockDomain cd : named) {
            cd.members().forEach(m -> clockOf.put(m, cd.clock()));
            if (cd.reset() != null) {
                clockOf.put(cd.reset(), cd.clock());
            }
        }
        Set<String> clockPorts = named.stream().map(Stmt.ClockDomain::clock).collect(Collectors.toSet());
        boolean hasClk = ports.containsKey("clk") && !clockPorts.contains("clk");
        if (hasClk) {
            clockPorts.add("clk");
        }

        List<List<String>> clocks = r.of("clock");
        Map<String, String> clockName = new LinkedHashMap<>(); // port to clock name
        for (List<String> clock : clocks) {
            String source = clock.size() > 3 ? clock.get(3) : null;
            assertEquals(Tcl.ns(spec.periodNs(source)), clock.get(2), "period of " + clock);
            if (source == null) {
                assertEquals(3, clock.size(), "a virtual clock has no source port: " + clock);
            } else {
                assertEquals(List.of("clock", source, clock.get(2), source), clock, "named after its port");
            }
            clockName.put(source, clock.get(1));
        }
        assertEquals(clockPorts, clockName.keySet().stream().filter(p -> p != null).collect(Collectors.toSet()),
                "one clock per clock port: " + r.output());
        String implicit = clockName.get(hasClk ? "clk" : null);
        Map<String, String> wantIn = new LinkedHashMap<>();
        Map<String, String> wantOut = new LinkedHashMap<>();
        ports.forEach((p, dw) -> {
            if (!clockPorts.contains(p)) {
                (dw[0].equals("input") ? wantIn : wantOut).put(p, clockOf.getOrDefault(p, hasClk ? "clk" : null));
            }
        });
        assertTrue(implicit != null || !wantIn.containsValue(null) && !wantOut.containsValue(null),
                "ports outside the named domains have a (virtual) clock: " + r.output());
        assertEquals(expectedDelays(wantIn, clockName, spec), delays(r, "input_delay"), "input delays");
        assertEquals(expectedDelays(wantOut, clockName, spec), delays(r, "output_delay"), "output delays");
        assertTrue(r.of("false_path").isEmpty() && r.of("multicycle_path").isEmpty(), "no exceptions: " + r.output());

        Set<String> portClocks = new TreeSet<>(clockPorts);
        List<List<String>> groups = r.of("clock_groups");
        if (portClocks.size() > 1 && target != FlowTarget.XILINX) {
            assertEquals(1, groups.size(), r.output());
            assertEquals("asynchronous", groups.get(0).get(1));
            assertEquals(portClocks, new TreeSet<>(groups.get(0).subList(2, groups.get(0).size())),
                    "every clock in a group of its own");
        } else {
            assertEquals(List.of(), groups, "one clock, or XDC (groups are in the exceptions file)");
        }

        boolean asic = target == FlowTarget.ASIC;
        assertEquals(asic ? List.of(List.of("units", "time", "ns")) : List.of(), r.of("units"));
        assertEquals(asic ? wantIn.keySet() : Set.of(), portsOf(r.of("driving_cell"), 3), "driving cells");
        assertEquals(asic ? wantOut.keySet() : Set.of(), portsOf(r.of("load"), 2), "loads");
        assertEquals(target == FlowTarget.XILINX ? 0 : clocks.size(), r.of("uncertainty").size(), r.output());
        assertEquals(asic ? clockPorts.size() : 0, r.of("transition").size(), r.output());

        if (target == FlowTarget.XILINX) {
            TclCheck.Result x = TclCheck.run(List.of(timing, e.dir().resolve(top + ".xdc")), ports, tmp);
            assertEquals(0, x.exit(), x.output());
            List<List<String>> added = x.records().subList(r.records().size(), x.records().size());
            if (portClocks.size() > 1) {
                assertEquals(1, added.size(), "the exceptions XDC makes the clocks unrelated: " + x.output());
                assertEquals(portClocks, new TreeSet<>(added.get(0).subList(2, added.get(0).size())), x.output());
            } else {
                assertTrue(added.isEmpty(), "the exceptions XDC creates nothing: " + x.output());
            }
        }
        if (d.circuit().topModule().resetAsync() || named.stream().anyMatch(Stmt.ClockDomain::resetAsync)) {
            assertTrue(text.contains("asynchronous") && text.contains("No set_false_path"), text);
        }
    }

    /** The two-clock example, one clock at its own frequency: written out by hand, not from the IR. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(FlowTarget.class)
    void twoClockDesignTimesEachPortAgainstItsDomain(FlowTarget target, @TempDir Path tmp) throws Exception {
        Circuit c = TestDesigns.example("crossing");
        Emitted e = TestDesigns.emit(c, tmp.resolve("rtl"));
        FlowSpec spec = FlowSpec.ofMhz(500).withClockMhz("clk_b", 125);
        FlowFiles.write(e, c, target, spec);
        Map<String, String[]> ports = TestDesigns.portsInRtl(e);
        String top = e.top();
        List<Path> files = target == FlowTarget.XILINX ? List.of(e.dir().resolve(top + "_ooc.xdc"),
                e.dir().resolve(top + ".xdc")) : List.of(e.dir().resolve(top + ".sdc"));
        TclCheck.Result r = TclCheck.run(files, ports, tmp);
        assertEquals(0, r.exit(), r.output());
        assertEquals(List.of(List.of("clock", "clk_a", "2.000", "clk_a"), List.of("clock", "clk_b", "8.000", "clk_b")),
                r.of("clock"));
        assertEquals(List.of(List.of("clock_groups", "asynchronous", "clk_a", "clk_b")), r.of("clock_groups"));
        Map<String, String> a = Map.of("clock", "clk_a", "delay", "0.400");
        Map<String, String> b = Map.of("clock", "clk_b", "delay", "1.600");
        Map<String, Map<String, String>> in = new TreeMap<>(Map.of("a_valid", a, "a_data", a, "a_flag", a, "rst_a", a,
                "aresetn", b));
        Map<String, Map<String, String>> out = new TreeMap<>(Map.of("a_ready", a, "b_value", b, "b_received", b,
                "b_flag", b));
        assertEquals(in, delays(r, "input_delay"));
        assertEquals(out, delays(r, "output_delay"));
        if (target != FlowTarget.XILINX) {
            assertEquals(List.of(List.of("uncertainty", "clk_a", "0.200"), List.of("uncertainty", "clk_b", "0.250")),
                    r.of("uncertainty"), "each clock's own: 10% of 2 ns, OpenLane's 0.25 at 8 ns");
        }
        String sdc = Files.readString(files.get(0));
        assertTrue(sdc.contains("clock clk_a at 500 MHz (period 2.000 ns), clock clk_b at 125 MHz (period 8.000 ns)"), sdc);
        assertTrue(sdc.contains("Reset aresetn is asynchronous (active low)"), sdc);
    }

    private static Map<String, Map<String, String>> expectedDelays(Map<String, String> clockPortOf,
                                                                   Map<String, String> clockName, FlowSpec spec) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        clockPortOf.forEach((p, port) -> out.put(p, Map.of("clock", clockName.get(port),
                "delay", Tcl.ns(spec.ioDelayNs(port)))));
        return out;
    }

    /** Port to its delay's clock and value; a port constrained twice fails. */
    private static Map<String, Map<String, String>> delays(TclCheck.Result r, String kind) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (List<String> rec : r.of(kind)) {
            assertEquals(null, out.put(rec.get(3), Map.of("clock", rec.get(1), "delay", rec.get(2))),
                    "constrained twice: " + rec);
        }
        return out;
    }

    private static Set<String> portsOf(List<List<String>> records, int index) {
        return records.stream().map(rec -> rec.get(index)).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The stubs really check: each classic mistake fails in tclsh. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void stubsRejectMistakes(String mistake, @TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("bad.sdc");
        Files.writeString(f, "create_clock -name clk -period 2.000 [get_ports clk]\n" + mistake + "\n");
        Map<String, String[]> ports = Map.of("clk", new String[] {"input", "1"}, "a", new String[] {"input", "8"},
                "y", new String[] {"output", "1"});
        TclCheck.Result r = TclCheck.run(f, ports, tmp);
        assertNotEquals(0, r.exit(), "should fail: " + mistake + "\n" + r.output());
        assertTrue(r.output().contains("constraint check failed"), r.output());
    }

    static Stream<String> mistakes() {
        return Stream.of(
                "set_input_delay 0.4 -clock [get_clocks clk] [all_inputs]",
                "set_input_delay 0.4 -clock [get_clocks clk] [get_ports clk]",
                "set_input_delay 0.4 -clock [get_clocks clk] [get_ports {nope}]",
                "set_input_delay 0.4 -clock [get_clocks clk] [get_ports a]",
                "set_input_delay 0.4 -clock [get_clocks clk] [get_ports {y}]",
                "set_output_delay 0.4 -clock [get_clocks core] [get_ports y]",
                "set_clock_groups -asynchronous -group [get_clocks clk]",
                "set_clock_groups -group [get_clocks clk] -group [get_clocks clk]",
                "set_clock_groups -asynchronous -group [get_clocks clk] -group [get_clocks other]",
                "set_clock_groups -asynchronous -group [get_clocks -of_objects [get_ports a]] -group [get_clocks clk]");
    }
}
