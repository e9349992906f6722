package sohu.hdl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;

import java.util.List;
import static sohu.hdl.tests.Located.assertAt;
import static sohu.hdl.tests.Located.errorsOf;
import static sohu.hdl.tests.Located.line;

import org.junit.jupiter.api.Test;
import sohu.hdl.Bool;
import sohu.hdl.Diagnostic;
import sohu.hdl.Elaborator;
import sohu.hdl.HdlException;
import sohu.hdl.Module;
import sohu.hdl.UInt;

/**
 * Each check reports the problem, the user's file:line and a fix; all problems of a
 * design are reported together. (This package is outside sohu.hdl so that its frames
 * count as user code.)
 */
class ChecksTest {
    private static final int[] AT = new int[8];

    @Test
    void widerValueIntoNarrowerSinkIsAnErrorNamingBothWidths() {
        List<Diagnostic> ds = errorsOf(() -> Elaborator.elaborate("Narrow", () -> new Module() { {
            UInt a = input("a", UInt(9));
            UInt y = output("y", UInt(8));
            y.set(a); AT[0] = line();
        } }));
        assertEquals(1, ds.size(), ds.toString()); // the mismatch only: no "never driven" after a failed connect
        assertAt(ds.get(0), "width", AT[0], "9-bit", "8-bit", "'y'", "truncate(8)");
    }

    @Test
    void narrowerValueIsNotExtendedSilently() {
        List<Diagnostic> ds = errorsOf(() -> Elaborator.elaborate("Wide", () -> new Module() { {
            UInt a = input("a", UInt(4));
            UInt y = output("y", UInt(8));
            y.set(a); AT[0] = line();
        } }));
        assertAt(ds.get(0), "width", AT[0], "4-bit", "8-bit", "zext(8)");
    }

    @Test
    void undrivenOutputAndWireAreReported() {
        List<Diagnostic> ds = errorsOf(() -> Elaborator.elaborate("Undriven", () -> new Module() { {
            output("y", UInt(8)); AT[0] = line();
            wire("w", UInt(8)); AT[1] = line();
        } }));
        assertEquals(2, ds.size(), ds.toString());
        assertAt(ds.get(0), "drivers", AT[0], "output 'y'", "never driven");
        assertAt(ds.get(1), "drivers", AT[1], "wire 'w'", "never driven");
    }

    @Test
    void twoDriversInOneScopeAreReported() {
        List<Diagnostic> ds = errorsOf(() -> Elaborator.elaborate("TwoDrivers", () -> new Module() { {
            UInt a = input("a", UInt(8));
            UInt y = output("y", UInt(8));
            y.set(a); AT[0] = line();
            y.set(a.not()); AT[1] = line();
        } }));
        assertEquals(1, ds.size(), ds.toString());
        assertAt(ds.get(0), "drivers", AT[1], "more than one driver", "ChecksTest.java:" + AT[0]);
    }

    @Test
    void aDefaultOverriddenInsideWhenIsOneDriver() {
        Elaborator.elaborate("Override", () -> new Module() { {
            Bool c = input("c", Bool());
            UInt a = input("a", UInt(8));
            UInt y = output("y", UInt(8));
            y.set(0);
            when(c, () -> y.set(a));
        } });
    }

    @Test
    void signalNotAssignedOnEveryPathIsALatch() {
        List<Diagnostic> ds = errorsOf(() -> Elaborator.elaborate("Latch", () -> new Module() { {
            Bool c = input("c", Bool());
            UInt a = input("a", UInt(8));
            UInt y = output("y", UInt(8));
            when(c, () -> y.set(a)); AT[0] = line();
        } }));
        assertEquals(1, ds.size(), ds.toString());
        assertAt(ds.get(0), "latch", AT[0], "output 'y'", "every path", "otherwise");
    }

    @Test
    void combinationalLoopIsReportedWithItsPath() {
        List<Diagnostic> ds = errorsOf(() -> Elaborator.elaborate("Loop", () -> new Module() { {
            UInt a = input("a", UInt(8));
            UInt y = output("y", UInt(8));
            UInt p = wire("p", UInt(8));
            UInt q = wire("q", UInt(8));
            p.set(q.xor(a)); AT[0] = line();
            q.set(p);
            y.set(q);
        } }));
        assertEquals(1, ds.size(), ds.toString());
        assertAt(ds.get(0), "comb-loop", AT[0], "p -> q -> p");
    }

    @Test
    void registerBreaksTheLoop() {
        Elaborator.elaborate("NoLoop", () -> new Module() { {
            UInt y = output("y", UInt(8));
            UInt r = reg("r", UInt(8), 0);
            r.set(r.addWrap(1));
            y.set(r);
        } });
    }

    /** A pass-through submodule: its output depends combinationally on its input. */
    public static final class Through extends Module {
        /** Builds it. */
        public Through() {
            UInt i = input("i", UInt(4));
            output("o", UInt(4)).set(i);
        }
    }

    @Test
    void loopThroughASubmoduleIsFound() {
        List<Diagnostic> ds = errorsOf(() -> Elaborator.elaborate("LoopThrough", () -> new Module() { {
            var t = instance("t", Through.class);
            t.uint("i").set(t.uint("o")); AT[0] = line();
            output("y", UInt(4)).set(t.uint("o"));
        } }));
        assertEquals(1, ds.size(), ds.toString());
        assertAt(ds.get(0), "comb-loop", AT[0], "t_i", "t_o");
    }

    @Test
    void allErrorsOfADesignAreReportedTogether() {
        List<Diagnostic> ds = errorsOf(() -> Elaborator.elaborate("Many", () -> new Module() { {
            Bool c = input("c", Bool());
            UInt a = input("a", UInt(8));
            output("y", UInt(4)).set(a); AT[0] = line();
            UInt z = output("z", UInt(8));
            when(c, () -> z.set(a)); AT[1] = line();
            output("u", UInt(8)); AT[2] = line();
        } }));
        assertEquals(List.of("width", "latch", "drivers"), ds.stream().map(Diagnostic::check).toList(), ds.toString());
        assertEquals(AT[0], ds.get(0).loc().line());
        HdlException e = assertThrows(HdlException.class, () -> Elaborator.elaborate("Many2", () -> new Module() { {
            output("u", UInt(8));
            output("v", UInt(8));
        } }));
        assertTrue(e.getMessage().startsWith("2 error(s)"), e.getMessage());
    }

    @Test
    void drivingAnInputPortFromInsideIsAnError() {
        List<Diagnostic> ds = errorsOf(() -> Elaborator.elaborate("DriveInput", () -> new Module() { {
            UInt a = input("a", UInt(8));
            a.set(3); AT[0] = line();
            output("y", UInt(8)).set(a);
        } }));
        assertAt(ds.get(0), "connect", AT[0], "input port 'a'");
    }

    @Test
    void misuseIsReportedWithTheLine() {
        HdlException e = assertThrows(HdlException.class, () -> Elaborator.elaborate("Slice", () -> new Module() { {
            UInt a = input("a", UInt(8));
            AT[0] = line(); output("y", UInt(4)).set(a.slice(9, 6));
        } }));
        assertAt(e.diagnostics().get(0), "usage", AT[0], "slice(9, 6)", "out of range");
    }
}
