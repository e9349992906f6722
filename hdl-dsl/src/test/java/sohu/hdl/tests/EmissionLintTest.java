package sohu.hdl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;
import static sohu.hdl.Types.Vec;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.hdl.Bool;
import sohu.hdl.Elaborator;
import sohu.hdl.Tools;
import sohu.hdl.UInt;
import sohu.hdl.emit.Emitted;
import sohu.hdl.emit.OutputWriter;
import sohu.hdl.ir.Circuit;

/** Emission corner cases that once tripped `verilator -Wall`. */
class EmissionLintTest {
    @TempDir
    Path tmp;

    private void assertLintClean(Circuit c) {
        Emitted e = OutputWriter.write(c, tmp.resolve(c.top()));
        sohu.hdl.exec.CommandResult lint = Tools.lint(e.dir(), e.top(), e.svFiles());
        assertEquals("", lint.output(), "verilator -Wall must print nothing");
        assertEquals(0, lint.exit());
    }

    @Test
    void aProductReadInPartIsNotAnUnusedSignalWarning() {
        assertLintClean(Elaborator.elaborate("ProductInPart", () -> new sohu.hdl.Module() { {
            Bool en = input("en", Bool());
            UInt a = input("a", UInt(8));
            UInt b = input("b", UInt(8));
            UInt q = reg("q", UInt(4));
            when(en, () -> q.set(a.mul(b).resize(4)));
            output("y", UInt(4)).set(q);
        } }));
    }

    @Test
    void thousandsOfUnreadSignalsStayUnderVerilatorsTokensPerLine() {
        assertLintClean(Elaborator.elaborate("ManyUnread", () -> new sohu.hdl.Module() { {
            var unread = input("unread", Vec(Bool(), 24_000));
            output("y", Bool()).set(unread.get(0));
        } }));
    }

    @Test
    void anInstanceInputPinReadInTheParentIsDeclared() {
        assertLintClean(Elaborator.elaborate("PinRead", () -> new sohu.hdl.Module() { {
            UInt a = input("a", UInt(4));
            var t = instance("t", ChecksTest.Through.class);
            var u = instance("u", ChecksTest.Through.class);
            t.uint("i").set(a.addWrap(1));
            u.uint("i").set(t.uint("i"));   // an inlined pin read by another pin
            output("seen", UInt(4)).set(u.uint("i").xor(t.uint("i")));
            output("y", UInt(4)).set(t.uint("o").xor(u.uint("o")));
        } }));
    }

    @Test
    void aProductOfNarrowerOperandsIsNotAWidthWarning() {
        assertLintClean(Elaborator.elaborate("WideProduct", () -> new sohu.hdl.Module() { {
            UInt a = input("a", UInt(8));
            UInt b = input("b", UInt(3));
            output("y", UInt(11)).set(a.mul(b));
            output("z", UInt(16)).set(a.mul(b).zext(16).addWrap(a.zext(16)));
            output("w", UInt(20)).set(a.subWrap(1).mul(b.addWrap(2)).zext(20).addWrap(b.zext(20)));
        } }));
    }

    @Test
    void aProductOfAWrappingOperandKeepsTheOperandsWidthInSimulation() throws java.io.IOException {
        Circuit c = Elaborator.elaborate("WrapProduct", () -> new sohu.hdl.Module() { {
            UInt a = input("a", UInt(8));
            UInt b = input("b", UInt(3));
            output("w", UInt(11)).set(a.subWrap(1).mul(b.addWrap(2)));
        } });
        Emitted e = OutputWriter.write(c, tmp.resolve(c.top()));
        java.nio.file.Files.writeString(e.dir().resolve("tb.sv"), String.join("\n",
                "module tb;", "  logic [7:0] a = 8'd0;", "  logic [2:0] b = 3'd7;", "  logic [10:0] w;",
                "  WrapProduct dut (.a(a), .b(b), .w(w));", "  initial begin #1 $display(\"w=%0d\", w); end", "endmodule", ""));
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("iverilog", "-g2012", "-o", "sim", "-s", "tb", "tb.sv"));
        e.svFiles().forEach(f -> cmd.add(e.dir().relativize(f).toString()));
        assertEquals(0, Tools.run(e.dir(), cmd).exit());
        // in 8 bits 0 - 1 wraps to 255, and 7 + 2 to 1 in 3 bits: 255 * 1
        assertEquals("w=255", Tools.run(e.dir(), java.util.List.of("vvp", "-n", "sim")).output().strip());
    }
}
