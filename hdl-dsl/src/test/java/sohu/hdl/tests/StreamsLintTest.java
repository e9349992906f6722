package sohu.hdl.tests;

import sohu.hdl.exec.CommandResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.Bundle;
import static sohu.hdl.Types.Stream;
import static sohu.hdl.Types.UInt;
import static sohu.hdl.Types.Vec;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.hdl.Bool;
import sohu.hdl.Bundle;
import sohu.hdl.Elaborator;
import sohu.hdl.Hw;
import sohu.hdl.HwType;
import sohu.hdl.Module;
import sohu.hdl.Stream;
import sohu.hdl.Tools;
import sohu.hdl.TypedMem;
import sohu.hdl.UInt;
import sohu.hdl.Vec;
import sohu.hdl.emit.Emitted;
import sohu.hdl.emit.OutputWriter;
import sohu.hdl.lib.Streams;

/** Every stream library block and a byte-masked memory of bundles emit SystemVerilog that verilator -Wall accepts silently. */
class StreamsLintTest {
    @TempDir
    Path tmp;

    @Test
    void everyStreamBlockIsLintClean() {
        HwType.BundleType ab = Bundle("a", UInt(8), "b", UInt(4));
        Emitted e = OutputWriter.write(Elaborator.elaborate("StreamBlocks", () -> new Module() { {
            Stream<Bundle> in = input("in", Stream(ab));
            Vec<Stream<Bundle>> f = Streams.fork("f", Streams.skid("s", Streams.queue("q", in, 3)), 2);
            output("o0", Stream(ab)).set(f.get(0));
            List<Stream<Bundle>> two = List.of(f.get(1), input("x", Stream(ab)));
            output("arb", Stream(ab)).set(Streams.arbiter("arbiter", two.subList(0, 2)));
            Vec<Stream<UInt>> d = Streams.demux("dm", input("d", Stream(UInt(8))), input("sel", UInt(2)), 3);
            List<Stream<UInt>> back = List.of(d.get(0), d.get(1), d.get(2));
            output("mx", Stream(UInt(8))).set(Streams.mux("mux", back.subList(0, 2), input("msel", UInt(1))));
            output("jn", Stream(Vec(UInt(8), 2))).set(Streams.join("join", List.of(back.get(2), input("y", Stream(UInt(8))))));
            output("up", Stream(UInt(16))).set(Streams.widen("up8", input("b8", Stream(UInt(8))), 2));
            output("dn", Stream(UInt(4))).set(Streams.narrow("dn16", input("w16", Stream(UInt(16))), 4));
            List<Stream<Bundle>> three = List.of(input("r0", Stream(ab)), input("r1", Stream(ab)), input("r2", Stream(ab)));
            output("rr", Stream(ab)).set(Streams.roundRobin("rrarb", three));
            output("vw", Stream(Vec(ab, 2))).set(Streams.widenVec("vup", input("vb", Stream(ab)), 2));
            output("vn", Stream(ab)).set(Streams.narrowVec("vdn", input("vv", Stream(Vec(ab, 2)))));
            TypedMem<Bundle> m = mem("m", Bundle("hi", UInt(8), "lo", UInt(8)), 8);
            Bool we = input("we", Bool());
            UInt addr = input("addr", UInt(3));
            when(we, () -> m.write(addr, Hw.unpack(Bundle("hi", UInt(8), "lo", UInt(8)), input("wd", UInt(16))), input("mask", UInt(2))));
            output("rd", UInt(16)).set(m.read(addr).asUInt());
        } }), tmp.resolve("s"));
        CommandResult lint = Tools.lint(e.dir(), e.top(), e.svFiles());
        assertEquals("", lint.output(), "verilator -Wall must be silent");
        assertEquals(0, lint.exit());
    }
}
