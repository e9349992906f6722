package sohu.constraints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.hdl.Elaborator;
import sohu.hdl.emit.Emitted;
import sohu.hdl.ir.Circuit;
import sohu.hdl.ir.Port;

/** Place and route on an iCE40 HX8K behind the 4-pin harness (fails, naming the tool, without nextpnr-ice40). */
class Ice40FlowTest {
    @Test
    void harnessKeepsFourPinsAndFeedsEveryInput() {
        Circuit c = TestDesigns.example("multiplier");
        Circuit h = Elaborator.elaborate(PinHarness.class,
                new PinHarness.Params(c.top(), PortShape.of(c.topModule().ports())));
        assertEquals(List.of("clk", "rst", "din", "dout"), h.topModule().ports().stream().map(Port::name).toList());
        int dataIn = c.topModule().ports().stream().filter(p -> p.isInput() && !p.name().equals("clk")
                && !p.name().equals("rst")).mapToInt(Port::width).sum();
        int shift = h.topModule().signals().stream().filter(s -> s.name().equals("shift")).findFirst()
                .orElseThrow().width();
        assertEquals(dataIn, shift);
    }

    @Test
    void counterAndMultiplierPlaceAndRoute(@TempDir Path tmp) {
        assertTrue(Ice40Flow.available(), "nextpnr-ice40 and yosys must be on the PATH (./sohu test installs them)");
        Circuit counter = TestDesigns.example("counter");
        Emitted ec = TestDesigns.emit(counter, tmp.resolve("counter"));
        Ice40Report rc = Ice40Flow.run(ec, counter, 100);
        assertTrue(rc.met() && rc.maxMhz() > 100 && rc.maxMhz() < 1000, rc.summary());
        assertTrue(rc.logicCells() >= TestDesigns.registerBits(counter) && rc.logicCellsAvailable() == 7680,
                rc.summary());

        Circuit mul = TestDesigns.example("multiplier");
        Emitted em = TestDesigns.emit(mul, tmp.resolve("mul"));
        Ice40Report rm = Ice40Flow.run(em, mul, 100);
        // A 12x12 multiply in LUTs (the HX8K has no DSP) is slower than an 8-bit counter.
        assertTrue(rm.maxMhz() > 10 && rm.maxMhz() < rc.maxMhz(), rm.summary() + " vs " + rc.summary());
        assertTrue(rm.logicCells() > 144, rm.summary());
    }

    @Test
    void parsesTheLastMaxFrequency() {
        String log = String.join("\n",
                "Info: \t         ICESTORM_LC:    22/ 7680     0%",
                "Info: \t        ICESTORM_RAM:     1/   32     3%",
                "Info: Max frequency for clock 'clk$SB_IO_IN_$glb_clk': 307.22 MHz (PASS at 100.00 MHz)",
                "Info: Max frequency for clock 'clk$SB_IO_IN_$glb_clk': 284.58 MHz (PASS at 100.00 MHz)");
        Ice40Report r = Ice40Flow.parse("T", 100, log, null);
        assertEquals(284.58, r.maxMhz(), 1e-9);
        assertEquals(List.of(22, 7680, 1), List.of(r.logicCells(), r.logicCellsAvailable(), r.rams()));
    }
}
