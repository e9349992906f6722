package sohu.constraints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sohu.hdl.emit.Emitted;

/**
 * Every design's SDC (generic and ASIC) and XDC pair, sourced in a real tclsh against stub
 * commands that check each named port exists in the emitted RTL; the recorded calls must
 * constrain the clock with the right period and delay every other port, and nothing else.
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

        boolean hasClk = ports.containsKey("clk");
        String period = Tcl.ns(spec.periodNs());
        String delay = Tcl.ns(spec.ioDelayNs());
        List<List<String>> clocks = r.of("clock");
        assertEquals(1, clocks.size(), r.output());
        List<String> clock = clocks.get(0);
        assertEquals(period, clock.get(2), "period");
        String clockName = clock.get(1);
        if (hasClk) {
            assertEquals(List.of("clock", "clk", period, "clk"), clock);
        } else {
            assertEquals(3, clock.size(), "a virtual clock has no source port: " + clock);
        }

        Set<String> wantIn = ports.entrySet().stream().filter(p -> p.getValue()[0].equals("input"))
                .map(Map.Entry::getKey).filter(p -> !p.equals("clk")).collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> wantOut = ports.entrySet().stream().filter(p -> p.getValue()[0].equals("output"))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(LinkedHashSet::new));
        assertEquals(wantIn, delayed(r, "input_delay", clockName, delay), "input delays");
        assertEquals(wantOut, delayed(r, "output_delay", clockName, delay), "output delays");
        assertTrue(r.of("false_path").isEmpty() && r.of("multicycle_path").isEmpty(), "no exceptions: " + r.output());

        boolean asic = target == FlowTarget.ASIC;
        assertEquals(asic ? List.of(List.of("units", "time", "ns")) : List.of(), r.of("units"));
        assertEquals(asic ? wantIn : Set.of(), portsOf(r.of("driving_cell"), 3), "driving cells");
        assertEquals(asic ? wantOut : Set.of(), portsOf(r.of("load"), 2), "loads");
        assertEquals(target == FlowTarget.XILINX ? 0 : 1, r.of("uncertainty").size(), r.output());
        assertEquals(asic && hasClk ? 1 : 0, r.of("transition").size(), r.output());

        if (target == FlowTarget.XILINX) {
            TclCheck.Result x = TclCheck.run(e.dir().resolve(top + ".xdc"), ports, tmp);
            assertEquals(0, x.exit(), x.output());
            assertTrue(x.records().isEmpty(), "the exceptions XDC creates nothing: " + x.output());
        }
        if (d.circuit().topModule().resetAsync()) {
            assertTrue(text.contains("asynchronous") && text.contains("No set_false_path"), text);
        }
    }

    private static Set<String> delayed(TclCheck.Result r, String kind, String clock, String value) {
        Set<String> ports = new LinkedHashSet<>();
        for (List<String> rec : r.of(kind)) {
            assertEquals(clock, rec.get(1), "clock of " + rec);
            assertEquals(value, rec.get(2), "delay of " + rec);
            assertTrue(ports.add(rec.get(3)), "constrained twice: " + rec);
        }
        return ports;
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
                "set_output_delay 0.4 -clock [get_clocks core] [get_ports y]");
    }
}
