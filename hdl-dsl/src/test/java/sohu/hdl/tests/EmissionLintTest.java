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
}
