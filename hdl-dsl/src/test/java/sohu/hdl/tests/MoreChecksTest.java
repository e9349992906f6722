package sohu.hdl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sohu.hdl.Types.SInt;
import static sohu.hdl.Types.UInt;

import java.util.List;
import org.junit.jupiter.api.Test;
import sohu.hdl.Diagnostic;
import sohu.hdl.Elaborator;
import sohu.hdl.HdlException;
import sohu.hdl.Mem;
import sohu.hdl.Module;
import sohu.hdl.SInt;
import sohu.hdl.UInt;

/**
 * The checks that {@link ChecksTest} leaves out: each reports its message, a fix and this file's
 * line where the mistake is. (Outside sohu.hdl, so that these frames count as user code.)
 */
class MoreChecksTest {
    private static final String FILE = "MoreChecksTest.java";
    private static final int[] AT = new int[4];

    /** The line number of the caller. */
    private static int line() {
        return StackWalker.getInstance().walk(s -> s.skip(1).findFirst().orElseThrow()).getLineNumber();
    }

    private static List<Diagnostic> errorsOf(Runnable elaboration) {
        return assertThrows(HdlException.class, elaboration::run).diagnostics();
    }

    /** The one diagnostic of {@code check} in {@code ds}, at {@code line}, with every word in its text. */
    private static void assertOne(List<Diagnostic> ds, String check, int line, String... words) {
        List<Diagnostic> of = ds.stream().filter(d -> d.check().equals(check)).toList();
        assertEquals(1, of.size(), ds.toString());
        Diagnostic d = of.get(0);
        assertEquals(FILE, d.loc().file(), d.toString());
        assertEquals(line, d.loc().line(), d.toString());
        assertTrue(d.toString().contains(FILE + ":" + line), "no file:line in " + d);
        for (String w : words) {
            assertTrue(d.toString().contains(w), "'" + w + "' missing from: " + d);
        }
        assertTrue(d.fix() != null && !d.fix().isBlank(), "no fix in " + d);
    }

    @Test
    void undrivenInstanceInputPinIsReportedWhereTheInstanceIs() {
        List<Diagnostic> ds = errorsOf(() -> Elaborator.elaborate("OpenPin", () -> new Module() { {
            var t = instance("t", ChecksTest.Through.class); AT[0] = line();
            output("y", UInt(4)).set(t.uint("o"));
        } }));
        assertEquals(1, ds.size(), ds.toString());
        assertOne(ds, "drivers", AT[0], "instance input pin 't_i'", "module OpenPin", "never driven");
    }

    @Test
    void signedValueIntoUnsignedSinkIsASignednessMismatch() {
        List<Diagnostic> ds = errorsOf(() -> Elaborator.elaborate("Signedness", () -> new Module() { {
            SInt a = input("a", SInt(8));
            UInt y = output("y", UInt(8));
            y.set(a); AT[0] = line();
        } }));
        assertOne(ds, "width", AT[0], "signedness mismatch", "SInt", "UInt 'y'", "asUInt()");
    }

    @Test
    void unsignedValueIntoSignedSinkIsASignednessMismatch() {
        List<Diagnostic> ds = errorsOf(() -> Elaborator.elaborate("Signedness2", () -> new Module() { {
            UInt a = input("a", UInt(8));
            SInt y = output("y", SInt(8));
            y.set(a); AT[0] = line();
        } }));
        assertOne(ds, "width", AT[0], "signedness mismatch", "UInt to SInt 'y'", "asSInt()");
    }

    @Test
    void registerThatIsReadButNeverDrivenIsReported() {
        List<Diagnostic> ds = errorsOf(() -> Elaborator.elaborate("DeadReg", () -> new Module() { {
            UInt r = reg("r", UInt(8), 0); AT[0] = line();
            output("y", UInt(8)).set(r);
        } }));
        assertEquals(1, ds.size(), ds.toString());
        assertOne(ds, "drivers", AT[0], "register 'r'", "module DeadReg", "never driven", "r.set(");
    }

    @Test
    void drivingAnInstanceOutputIsAnError() {
        List<Diagnostic> ds = errorsOf(() -> Elaborator.elaborate("DriveOut", () -> new Module() { {
            UInt a = input("a", UInt(4));
            var t = instance("t", ChecksTest.Through.class);
            t.uint("i").set(a);
            t.uint("o").set(a); AT[0] = line();
            output("y", UInt(4)).set(t.uint("o"));
        } }));
        assertEquals(1, ds.size(), ds.toString());
        assertOne(ds, "drivers", AT[0], "'t_o' is an instance output", "the submodule already drives it", "input pins");
    }

    /** Two generators that forget their difference in the module name. */
    public static final class FirstSame extends Module {
        /** Builds it. */
        public FirstSame() {
            name("Same");
            output("o", UInt(4)).set(1);
        }
    }

    /** See {@link FirstSame}. */
    public static final class SecondSame extends Module {
        /** Builds it. */
        public SecondSame() {
            name("Same");
            output("o", UInt(4)).set(2);
        }
    }

    @Test
    void twoGeneratorsProducingOneModuleNameAreReportedAtTheSecondInstance() {
        List<Diagnostic> ds = errorsOf(() -> Elaborator.elaborate("Clash", () -> new Module() { {
            var first = instance("first", FirstSame.class);
            var second = instance("second", SecondSame.class); AT[0] = line();
            output("y", UInt(4)).set(first.uint("o").xor(second.uint("o")));
        } }));
        assertEquals(1, ds.size(), ds.toString());
        assertOne(ds, "naming", AT[0], "two different generators both produce module 'Same'", "FirstSame", "SecondSame",
                "module name");
    }

    @Test
    void memoryWriteOfTheWrongWidthIsReported() {
        List<Diagnostic> ds = errorsOf(() -> Elaborator.elaborate("MemWidth", () -> new Module() { {
            UInt addr = input("addr", UInt(4));
            UInt data = input("data", UInt(9));
            Mem m = mem("m", 8, 16);
            m.write(addr, data); AT[0] = line();
            output("q", UInt(8)).set(m.read(addr));
        } }));
        assertEquals(1, ds.size(), ds.toString());
        assertOne(ds, "width", AT[0], "cannot write a 9-bit value to 8-bit memory 'm'", "resize");
    }
}
