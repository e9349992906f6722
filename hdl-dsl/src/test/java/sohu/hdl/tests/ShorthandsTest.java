package sohu.hdl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.Bundle;
import static sohu.hdl.Types.UInt;
import static sohu.hdl.Types.Vec;
import static sohu.hdl.tests.Located.assertAt;
import static sohu.hdl.tests.Located.errorsOf;
import static sohu.hdl.tests.Located.line;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.hdl.Bool;
import sohu.hdl.Bundle;
import sohu.hdl.Diagnostic;
import sohu.hdl.Elaborator;
import sohu.hdl.Hw;
import sohu.hdl.Module;
import sohu.hdl.Tools;
import sohu.hdl.UInt;
import sohu.hdl.Vec;
import sohu.hdl.emit.Emitted;
import sohu.hdl.emit.OutputWriter;
import sohu.hdl.exec.CommandResult;
import sohu.hdl.ir.Circuit;

/** {@code Hw.clear}, {@code Bundle.set(name, value)} and {@code instances(...)}: what they emit and their errors. */
class ShorthandsTest {
    private static final int[] AT = new int[4];

    @TempDir
    Path tmp;

    /** A child whose factor is a parameter. */
    public static final class Times extends Module {
        /** Its one parameter. */
        public record Params(int k) { }

        /** Input. */
        public final UInt x;
        /** Output. */
        public final UInt y;

        /** Builds it. */
        public Times(Params p) {
            name("Times_k" + p.k());
            x = input("x", UInt(4));
            y = output("y", UInt(8));
            y.set(x.mul(uint(p.k(), 4)));
        }
    }

    private String lintClean(Circuit c) throws Exception {
        Emitted e = OutputWriter.write(c, tmp.resolve(c.top()));
        CommandResult lint = Tools.lint(e.dir(), e.top(), e.svFiles());
        assertEquals("", lint.output(), "verilator -Wall must be silent");
        return java.nio.file.Files.readString(e.dir().resolve(c.top() + ".sv"));
    }

    @Test
    void clearZeroesEveryLeafAndSetByNameDrivesOneField() throws Exception {
        String sv = lintClean(Elaborator.elaborate("Clear", () -> new Module() { {
            Bool go = input("go", Bool());
            UInt a = input("a", UInt(8));
            Bundle r = reg("r", Bundle("n", UInt(8), "f", Bool()), 5);
            UInt s = reg("s", UInt(4), 3);
            when(go, () -> {
                r.set("n", a).set("f", 1);
                s.set(s.addWrap(1));
            }).otherwise(() -> Hw.clear(r, s));
            output("y", Bundle("n", UInt(8), "f", Bool())).set(r);
            output("z", UInt(4)).set(s);
        } }));
        assertTrue(sv.contains("r_n <= a;") && sv.contains("r_f <= 1'd1;"), sv);
        assertTrue(sv.contains("r_n <= 8'd0;") && sv.contains("r_f <= 1'd0;") && sv.contains("s <= 4'd0;"), sv);
    }

    @Test
    void instancesMakeAVecOfSubmodulesWhosePortsConnectAsVectors() throws Exception {
        Circuit c = Elaborator.elaborate("Many", () -> new Module() { {
            Vec<UInt> in = input("in", Vec(UInt(4), 3));
            Vec<UInt> out = output("out", Vec(UInt(8), 3));
            var units = instances("t", Times.class, 3, i -> new Times.Params(i + 1));
            units.io(u -> u.x).set(in);
            out.set(units.io(u -> u.y));
        } });
        assertEquals(List.of("Times_k1", "Times_k2", "Times_k3", "Many"), c.modules().stream().map(m -> m.name()).toList());
        String sv = lintClean(c);
        for (int i = 0; i < 3; i++) {
            assertTrue(sv.contains("Times_k" + (i + 1) + " t" + i + " ("), sv);
            assertTrue(sv.contains(".x (in_" + i + ")"), sv);
            assertTrue(sv.contains("assign out_" + i + " = t" + i + "_y;"), sv);
        }
    }

    @Test
    void mistakesAreLocatedErrors() {
        List<Diagnostic> ds = errorsOf(() -> Elaborator.elaborate("Bad", () -> new Module() { {
            Bundle b = output("b", Bundle("n", UInt(8), "v", Vec(UInt(2), 2)));
            b.set("m", uint(1, 8)); AT[0] = line();
            b.set("v", 1); AT[1] = line();
            b.set("n", 0);
            b.get("v").set(Vec.of(uint(0, 2), uint(0, 2)));
            instances("t", Times.class, 0, i -> new Times.Params(1)); AT[2] = line();
        } }));
        assertEquals(3, ds.size(), ds.toString());
        assertAt(ds.get(0), "usage", AT[0], "no field 'm'", "[n, v]");
        assertAt(ds.get(1), "usage", AT[1], "field 'v' is an aggregate");
        assertAt(ds.get(2), "usage", AT[2], "0 instances");
    }
}
