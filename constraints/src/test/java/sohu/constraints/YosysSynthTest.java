package sohu.constraints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.hdl.emit.Emitted;
import sohu.hdl.ir.Circuit;

/** Yosys on the examples: cell counts that follow from the design, and undriven wires as errors. */
class YosysSynthTest {
    @Test
    void counterHasOneFlipFlopPerRegisterBit(@TempDir Path tmp) throws Exception {
        Circuit c = TestDesigns.example("counter");
        Emitted e = TestDesigns.emit(c, tmp);
        int bits = TestDesigns.registerBits(c);
        assertEquals(8, bits);

        SynthReport g = YosysSynth.run(e, e.top(), SynthTarget.GENERIC);
        assertEquals(bits, g.flipFlops(), g.cellsByType().toString());
        assertTrue(g.cells() > g.flipFlops(), "the increment and compare need gates: " + g.summary());
        assertEquals(g.cells(), g.cellsByType().values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(0, g.luts() + g.dsps() + g.brams());
        assertTrue(Files.readString(g.log()).contains("Executing SYNTH pass"), "full log kept: " + g.log());

        SynthReport x = YosysSynth.run(e, e.top(), SynthTarget.XILINX);
        assertEquals(bits, x.flipFlops(), x.cellsByType().toString());
        assertTrue(x.luts() > 0 && x.luts() <= 20, x.summary());
        assertEquals(0, x.dsps() + x.brams());
        assertFalse(x.cellsByType().containsKey("IBUF") || x.cellsByType().containsKey("BUFG"), "out of context");
    }

    @Test
    void multiplierUsesADspOnXilinxAndFlipFlopsMatchRegistersInGates(@TempDir Path tmp) {
        Circuit c = TestDesigns.example("multiplier");
        Emitted e = TestDesigns.emit(c, tmp);
        int bits = TestDesigns.registerBits(c);
        assertEquals(3 * (1 + 24), bits);

        SynthReport x = YosysSynth.run(e, e.top(), SynthTarget.XILINX);
        assertTrue(x.dsps() >= 1, x.summary());
        // The DSP48E1 absorbs pipeline registers (MREG/PREG), so fabric flip-flops are fewer.
        assertTrue(x.flipFlops() >= 1 && x.flipFlops() < bits, x.summary());

        SynthReport g = YosysSynth.run(e, e.top(), SynthTarget.GENERIC);
        assertEquals(bits, g.flipFlops(), g.cellsByType().toString());
        assertEquals(0, g.dsps());
    }

    @Test
    void memoryMapsToRamPrimitivesOnXilinx(@TempDir Path tmp) {
        Emitted e = TestDesigns.emit(TestDesigns.example("ram"), tmp);
        SynthReport x = YosysSynth.run(e, e.top(), SynthTarget.XILINX);
        assertTrue(x.lutRams() + x.brams() >= 1, x.summary() + " " + x.cellsByType());
    }

    @Test
    void hierarchyIsCountedOncePerInstance(@TempDir Path tmp) {
        Emitted e = TestDesigns.emit(TestDesigns.example("blackbox"), tmp);
        SynthReport g = YosysSynth.run(e, e.top(), SynthTarget.GENERIC);
        assertFalse(g.cellsByType().containsKey("PopCount8"), "totals are flattened: " + g.cellsByType());
        assertEquals(0, g.flipFlops());
        assertTrue(g.cells() > 20, g.summary());
    }

    @Test
    void undrivenWireIsAnError(@TempDir Path tmp) throws Exception {
        Path sv = tmp.resolve("Undriven.sv");
        Files.writeString(sv, String.join("\n",
                "module Undriven (input logic clk, input logic [3:0] a, output logic [3:0] y);",
                "  logic [3:0] w;",
                "  always_ff @(posedge clk) y <= a ^ w;",
                "endmodule", ""));
        Emitted e = new Emitted(tmp, "Undriven", List.of(sv), tmp.resolve("Undriven.f"), tmp.resolve("manifest.json"),
                List.of(), 4);
        ToolException ex = assertThrows(ToolException.class, () -> YosysSynth.run(e, "Undriven", SynthTarget.GENERIC));
        assertTrue(ex.getMessage().contains("is used but has no driver"), ex.getMessage());
    }

    @Test
    void syntaxErrorReportsYosysError(@TempDir Path tmp) throws Exception {
        Path sv = tmp.resolve("Broken.sv");
        Files.writeString(sv, "module Broken (input logic a output logic y); endmodule\n");
        ToolException ex = assertThrows(ToolException.class,
                () -> YosysSynth.run(List.of(sv), "Broken", SynthTarget.GENERIC, tmp.resolve("work")));
        assertTrue(ex.getMessage().contains("ERROR"), ex.getMessage());
    }

    @Test
    void statParserPrefersTheDesignHierarchyTotals() {
        String stat = String.join("\n",
                "=== Leaf ===", "", "   Number of wires:                  3", "   Number of cells:                  2",
                "     $_AND_                          2", "",
                "=== Top ===", "", "   Number of cells:                  3", "     $_OR_                           1",
                "     Leaf                            2", "",
                "=== design hierarchy ===", "", "   Top                               1", "     Leaf                            2",
                "", "   Number of wires:                 10", "   Number of cells:                  5",
                "     $_AND_                          4", "     $_OR_                           1", "");
        StatParser.Counts c = StatParser.parse(stat, "Top");
        assertEquals(5, c.cells());
        assertEquals(java.util.Map.of("$_AND_", 4, "$_OR_", 1), c.byType());
        SynthReport r = SynthReport.of("Top", SynthTarget.GENERIC, 9, java.util.Map.of("FDRE", 2, "FDCE", 1,
                "LUT6", 3, "LUT2", 1, "DSP48E1", 1, "RAMB36E1", 1, "RAM64X1D", 1, "$_SDFFE_PP0P_", 1), null);
        assertEquals(List.of(4, 4, 1, 1, 1), List.of(r.luts(), r.flipFlops(), r.dsps(), r.brams(), r.lutRams()));
    }
}
