package sohu.hdl.tests;

import sohu.hdl.exec.CommandResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.Bundle;
import static sohu.hdl.Types.SInt;
import static sohu.hdl.Types.UInt;
import static sohu.hdl.Types.Vec;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntUnaryOperator;
import static sohu.hdl.tests.Located.assertAt;
import static sohu.hdl.tests.Located.errorsOf;
import static sohu.hdl.tests.Located.line;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.hdl.Bool;
import sohu.hdl.Bundle;
import sohu.hdl.Diagnostic;
import sohu.hdl.Elaborator;
import sohu.hdl.HdlException;
import sohu.hdl.Hw;
import sohu.hdl.HwType;
import sohu.hdl.Mem;
import sohu.hdl.Module;
import sohu.hdl.SInt;
import sohu.hdl.Tools;
import sohu.hdl.UInt;
import sohu.hdl.Vec;
import sohu.hdl.emit.Emitted;
import sohu.hdl.emit.OutputWriter;
import sohu.hdl.emit.SvEmitter;
import sohu.hdl.ir.Circuit;
import sohu.hdl.ir.Signal;
import sohu.hdl.lib.Counter;

/**
 * One regression test per defect of issue 9 ("Defects seen"). This package is outside
 * sohu.hdl so that its frames count as user code and diagnostics point at these lines.
 */
class DefectsTest {
    private static final int[] AT = new int[8];
    private static final HwType.BundleType AB = Bundle("a", UInt(8), "b", UInt(8));
    private static final HwType.BundleType BA = Bundle("b", UInt(8), "a", UInt(8));

    @TempDir
    Path tmp;

    private String lintClean(Circuit c) {
        Emitted e = OutputWriter.write(c, tmp.resolve(c.top()));
        CommandResult lint = Tools.lint(e.dir(), e.top(), e.svFiles());
        assertEquals("", lint.output(), "verilator -Wall must be silent");
        return SvEmitter.emit(c.topModule());
    }

    // ------------------------------------------------------------------ bundles by name

    @Test
    void bundlesWithTheSameFieldsInAnotherOrderConnectByName() {
        String sv = lintClean(Elaborator.elaborate("ByName", () -> new Module() { {
            Bundle in = input("in", AB);
            output("out", BA).set(in);
        } }));
        assertTrue(sv.contains("assign out_a = in_a;"), sv);
        assertTrue(sv.contains("assign out_b = in_b;"), sv);
    }

    @Test
    void aMissingOrExtraFieldIsOneLocatedErrorNamingThem() {
        List<Diagnostic> ds = errorsOf(() -> Elaborator.elaborate("Fields", () -> new Module() { {
            Bundle in = input("in", Bundle("a", UInt(8), "c", UInt(8)));
            Bundle out = output("out", AB);
            out.set(in); AT[0] = line();
        } }));
        assertEquals(1, ds.size(), ds.toString()); // no "never driven" for out_b
        assertAt(ds.get(0), "usage", AT[0], "no field [b]", "no field [c]");
    }

    // ------------------------------------------------------------------ errors collected

    /** A child with one input and one output, for pin typos. */
    public static final class Child extends Module {
        /** Builds it. */
        public Child() {
            output("y", UInt(4)).set(input("x", UInt(4)));
        }
    }

    @Test
    void usageErrorsAreCollectedTogetherEachAtItsLine() {
        List<Diagnostic> ds = errorsOf(() -> Elaborator.elaborate("Many", () -> new Module() { {
            UInt a = input("a", UInt(8));
            Bundle in = input("in", Bundle("data", UInt(8)));
            output("y", UInt(4)).set(a.slice(9, 6)); AT[0] = line();
            Mem m = mem("m", 8, 16);
            output("q", UInt(8)).set(m.read(a)); AT[1] = line();
            var c = instance("c", Child.class);
            c.uint("xx").set(uint(1, 4)); AT[2] = line();
            c.uint("x").set(a.truncate(4));
            Bool bad = in.bool("data"); AT[3] = line();
            output("z", Bool()).set(bad);
            output("w", UInt(4)).set(a); AT[4] = line();
            output("cy", UInt(4)).set(c.uint("y"));
        } }));
        assertEquals(5, ds.size(), ds.toString());
        assertAt(ds.get(0), "usage", AT[0], "slice(9, 6)", "out of range");
        assertAt(ds.get(1), "usage", AT[1], "4-bit address", "got 8 bits");
        assertAt(ds.get(2), "usage", AT[2], "no pin 'xx'", "[y, x]");
        assertAt(ds.get(3), "usage", AT[3], "field 'data'", "not a Bool");
        assertAt(ds.get(4), "width", AT[4], "8-bit", "4-bit 'w'");
    }

    @Test
    void aDuplicateNameIsOneErrorWithoutFollowUps() {
        List<Diagnostic> ds = errorsOf(() -> Elaborator.elaborate("Dup", () -> new Module() { {
            UInt a = input("a", UInt(8));
            output("y", UInt(8)).set(a);
            UInt again = wire("y", UInt(8)); AT[0] = line();
            again.set(a);
        } }));
        assertEquals(1, ds.size(), ds.toString());
        assertAt(ds.get(0), "usage", AT[0], "'y' is declared twice");
    }

    // ------------------------------------------------------------------ generated names

    @Test
    void aHoistedProductNeverTakesTheNameOfAUserSignal() {
        String sv = lintClean(Elaborator.elaborate("Prod", () -> new Module() { {
            SInt a = input("a", SInt(8));
            SInt b = input("b", SInt(8));
            SInt yProd = wire("y_prod", SInt(16));
            yProd.set(a.mul(b));
            output("p", SInt(16)).set(yProd);
            output("y", SInt(17)).set(a.mul(b).addExpand(a.sext(16)));
        } }));
        assertEquals(1, sv.split("logic signed \\[15:0\\] y_prod;", -1).length - 1, sv);
        assertTrue(sv.contains("y_prod1"), sv);
    }

    @Test
    void aMemoryReadPortNeverTakesTheNameOfAUserSignal() {
        lintClean(Elaborator.elaborate("MemName", () -> new Module() { {
            UInt a = input("a", UInt(4));
            UInt taken = wire("m_rdata", UInt(8));
            taken.set(uint(3, 8));
            Mem m = mem("m", 8, 16);
            m.write(a, taken);
            output("q", UInt(8)).set(m.read(a));
        } }));
    }

    // ------------------------------------------------------------------ determinism

    /** Parameters holding a function: the default module name must not carry a per-run hash. */
    public record FnParams(int width, IntUnaryOperator f) { }

    /** A module named by default from parameters that hold a lambda. */
    public static final class Fn extends Module {
        /** Builds it. */
        public Fn(FnParams p) {
            output("y", UInt(p.width())).set(uint(p.f().applyAsInt(1), p.width()));
        }
    }

    @Test
    void aLambdaParameterGivesAStableDefaultName() {
        Circuit c = Elaborator.elaborate(Fn.class, new FnParams(4, x -> x + 1));
        assertEquals("Fn_width4_ffn", c.top());
    }

    // ------------------------------------------------------------------ clocks and unused signals

    @Test
    void anUnusedClockInputBesideTheImplicitClockIsReported() {
        List<Diagnostic> ds = errorsOf(() -> Elaborator.elaborate("ClkCore", () -> new Module() { {
            input("clk_core", Bool()); AT[0] = line();
            UInt r = reg("r", UInt(4), 0);
            r.set(r.addWrap(1));
            output("y", UInt(4)).set(r);
        } }));
        assertEquals(1, ds.size(), ds.toString());
        assertAt(ds.get(0), "unread", AT[0], "'clk_core'", "implicit clock 'clk'");
    }

    @Test
    void aRegisterWrittenButNeverReadIsReported() {
        List<Diagnostic> ds = errorsOf(() -> Elaborator.elaborate("Dead", () -> new Module() { {
            UInt a = input("a", UInt(4));
            UInt r = reg("r", UInt(4)); AT[0] = line();
            r.set(a);
            output("y", UInt(4)).set(a);
        } }));
        assertEquals(1, ds.size(), ds.toString());
        assertAt(ds.get(0), "unread", AT[0], "register 'r'", "never read");
    }

    @Test
    void aRegisterReadOnlyByAnAssertionOrAPrintIsRead() {
        Circuit c = Elaborator.elaborate("Watched", () -> new Module() { {
            UInt a = input("a", UInt(4));
            UInt r = reg("r", UInt(4), 0);
            UInt q = reg("q", UInt(4), 0);
            r.set(a);
            q.set(a);
            assertThat(r.ne(15), "r never reaches 15");
            display("q=%0d", q);
            output("y", UInt(4)).set(a);
        } });
        assertEquals(2, c.topModule().signals().stream().filter(x -> x.kind() == Signal.Kind.REG).count());
    }

    @Test
    void onlyTheUnreadBitsOfASignalReadInPartAreWaived() {
        String sv = lintClean(Elaborator.elaborate("Part", () -> new Module() { {
            UInt a = input("a", UInt(8));
            input("spare", UInt(3));
            output("y", UInt(2)).set(a.slice(5, 4));
        } }));
        assertTrue(sv.contains("a[3:0], a[7:6]"), sv);
        assertTrue(sv.contains("spare"), sv);
        assertFalse(sv.substring(sv.indexOf("_unused_ok")).matches("(?s).*[ ,]a,.*"), "the whole of 'a' must not be waived:\n" + sv);
    }

    // ------------------------------------------------------------------ registers and vectors

    @Test
    void aBundleRegisterResetsFieldByFieldFromThePackedValue() {
        Circuit c = Elaborator.elaborate("BundleReset", () -> new Module() { {
            Bundle r = reg("r", Bundle("hi", UInt(4), "lo", UInt(4), "s", SInt(4)), 0x12F);
            Bundle q = reg("q", AB, Hw.unpack(AB, uint(0x0304, 16)));
            r.set(r);
            q.set(q);
            output("y", UInt(12)).set(r.asUInt());
            output("z", UInt(16)).set(q.asUInt());
        } });
        assertEquals(List.of(1, 2, 15, 3, 4), c.topModule().signals().stream().map(Signal::reset).map(BigInteger::intValue).toList());
        lintClean(c);
    }

    @Test
    void resetValuesMayBeWiderThan64BitsAndMinusOneSetsEveryBit() {
        Circuit c = Elaborator.elaborate("Wide", () -> new Module() { {
            UInt r = reg("r", UInt(100), -1);
            UInt s = reg("s", UInt(100), BigInteger.ONE.shiftLeft(99));
            r.set(r);
            s.set(s);
            output("y", UInt(100)).set(r.xor(s));
        } });
        assertEquals(BigInteger.ONE.shiftLeft(100).subtract(BigInteger.ONE), c.topModule().signals().get(0).reset());
        assertEquals(BigInteger.ONE.shiftLeft(99), c.topModule().signals().get(1).reset());
        assertTrue(lintClean(c).contains("r <= 100'hFFFFFFFFFFFFFFFFFFFFFFFFF;"));
        List<Diagnostic> ds = errorsOf(() -> Elaborator.elaborate("TooWide", () -> new Module() { {
            UInt r = reg("r", UInt(4), 16); AT[0] = line();
            r.set(r);
            output("y", UInt(4)).set(r);
        } }));
        assertAt(ds.get(0), "usage", AT[0], "reset value 16", "4 bits");
    }

    @Test
    void aVecElementCanBeDrivenThroughADynamicIndexAndVecOfBundlesCanBeIndexed() {
        String sv = lintClean(Elaborator.elaborate("Dyn", () -> new Module() { {
            UInt idx = input("idx", UInt(2));
            UInt d = input("d", UInt(8));
            Bool we = input("we", Bool());
            Vec<UInt> v = reg("v", Vec(UInt(8), 4), 0);
            when(we, () -> v.get(idx).set(d));
            Vec<Bundle> vb = reg("vb", Vec(AB, 3), 0);
            when(we, () -> vb.get(idx).set(Hw.unpack(AB, d.cat(d))));
            output("y", UInt(8)).set(v.get(idx));
            output("yb", AB).set(vb.get(idx));
            Bool big = d.gt(5).and(d.le(200));
            output("big", Bool()).set(big);
        } }));
        assertTrue(sv.contains("if (idx == 2'd3) begin"), sv);
    }

    // ------------------------------------------------------------------ names

    @Test
    void aKeywordModuleNameIsALocatedErrorWithAFix() {
        List<Diagnostic> ds = errorsOf(() -> Elaborator.elaborate("Kw", () -> new Module() { {
            name("table"); AT[0] = line();
            output("y", Bool()).set(true);
        } }));
        assertAt(ds.get(0), "usage", AT[0], "'table' is a SystemVerilog keyword", "table_m");
    }

    /** Two generators whose classes share the simple name {@code Unit}. */
    static final class A {
        /** One Unit. */
        public static final class Unit extends Module {
            /** Builds it. */
            public Unit() {
                output("y", Bool()).set(true);
            }
        }
    }

    /** The other. */
    static final class B {
        /** The other Unit. */
        public static final class Unit extends Module {
            /** Builds it. */
            public Unit() {
                output("y", Bool()).set(false);
            }
        }
    }

    @Test
    void twoClassesWithTheSameSimpleNameGetAClearError() {
        List<Diagnostic> ds = errorsOf(() -> Elaborator.elaborate("Two", () -> new Module() { {
            var a = instance("a", A.Unit.class);
            var b = instance("b", B.Unit.class);
            output("y", Bool()).set(a.bool("y").xor(b.bool("y")));
        } }));
        assertEquals(1, ds.size(), ds.toString());
        String msg = ds.get(0).toString();
        assertTrue(msg.contains("DefectsTest$A$Unit without parameters") && msg.contains("DefectsTest$B$Unit without parameters"), msg);
        assertTrue(ds.get(0).fix().contains("name(...)"), msg);
    }

    // ------------------------------------------------------------------ helpers outside Module subclasses

    /** A register helper written outside any Module subclass. */
    static UInt delayed(Module m, String name, UInt x) {
        UInt r = m.reg(name, UInt(x.width()));
        r.set(x);
        return r;
    }

    /** The same through the builder context, without a Module argument. */
    static UInt delayedTwice(String name, UInt x) {
        return Module.current().shiftRegister(name, x, 2);
    }

    @Test
    void builderMethodsWorkFromHelpersOutsideModuleSubclasses() {
        String sv = lintClean(Elaborator.elaborate("Helper", () -> new Module() { {
            UInt a = input("a", UInt(8));
            output("y", UInt(8)).set(delayed(this, "d1", a));
            output("z", UInt(8)).set(delayedTwice("d2", a));
            Bool en = input("en", Bool());
            output("e", UInt(8)).set(regEnable("held", a, en));
        } }));
        assertTrue(sv.contains("d1 <= a;"), sv);
        assertTrue(sv.contains("d2_0 <= a;") && sv.contains("d2_1 <= d2_0;"), sv);
        assertTrue(sv.contains("if (en) begin"), sv);
        assertEquals("Counter_w8_lim3", Elaborator.elaborate(Counter.class, new Counter.Params(8, 3)).top());
    }
}
