package sohu.hdl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import sohu.hdl.Diagnostic;
import sohu.hdl.HdlException;

/** Helpers for tests of diagnostics that must point at the test's own file and line. */
final class Located {
    private Located() { }

    /** The line number of the caller. */
    static int line() {
        return StackWalker.getInstance().walk(s -> s.skip(1).findFirst().orElseThrow()).getLineNumber();
    }

    /** The diagnostics of an elaboration that must fail. */
    static List<Diagnostic> errorsOf(Runnable elaboration) {
        return assertThrows(HdlException.class, elaboration::run).diagnostics();
    }

    /** The diagnostic is of {@code check}, at the caller's file and {@code line}, mentions every word and has a fix. */
    static void assertAt(Diagnostic d, String check, int line, String... words) {
        String file = StackWalker.getInstance().walk(s -> s.skip(1).findFirst().orElseThrow()).getFileName();
        assertEquals(check, d.check(), d.toString());
        assertEquals(file, d.loc().file(), d.toString());
        assertEquals(line, d.loc().line(), d.toString());
        for (String w : words) {
            assertTrue(d.toString().contains(w), "'" + w + "' missing from: " + d);
        }
        assertTrue(d.fix() != null && !d.fix().isBlank(), "no fix in " + d);
    }
}
