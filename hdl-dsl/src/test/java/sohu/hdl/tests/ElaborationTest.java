package sohu.hdl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sohu.hdl.Types.UInt;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.hdl.Elaborator;
import sohu.hdl.Module;
import sohu.hdl.UInt;
import sohu.hdl.emit.Emitted;
import sohu.hdl.emit.OutputWriter;
import sohu.hdl.ir.Circuit;
import sohu.hdl.lib.Counter;

/** Memoization, naming and the files the emitter writes. */
class ElaborationTest {
    @TempDir
    Path tmp;

    /** Four counters, two of each of two configurations. */
    public static final class TwoKinds extends Module {
        /** Builds it. */
        public TwoKinds() {
            UInt sum = output("sum", UInt(10));
            UInt acc = uint(0, 10);
            for (int i = 0; i < 4; i++) {
                var c = instance("c" + i, Counter.class, new Counter.Params(8, i % 2 == 0 ? 99 : 199));
                c.bool("en").set(true);
                c.bool("clear").set(false);
                acc = acc.addWrap(c.uint("count").zext(10));
            }
            sum.set(acc);
        }
    }

    @Test
    void equalParametersElaborateOnceAndEmitOneModule() {
        Circuit c = Elaborator.elaborate(TwoKinds.class);
        assertEquals(3, c.modules().size(), c.modules().stream().map(m -> m.name()).toList().toString());
        assertEquals("Counter_w8_lim99", c.modules().get(0).name());
        assertEquals("Counter_w8_lim199", c.modules().get(1).name());
        assertEquals("TwoKinds", c.top());
        assertEquals(4, c.topModule().instances().size());
    }

    @Test
    void writesOneFilePerModuleAFilelistAndAManifest() throws Exception {
        Emitted e = OutputWriter.write(Elaborator.elaborate(TwoKinds.class), tmp.resolve("out"), java.util.Map.of("latency", 0));
        assertEquals(3, e.svFiles().size());
        assertEquals("Counter_w8_lim99.sv\nCounter_w8_lim199.sv\nTwoKinds.sv\n", Files.readString(e.filelist()));
        String manifest = Files.readString(e.manifest());
        assertTrue(manifest.contains("\"top\": \"TwoKinds\""), manifest);
        assertTrue(manifest.contains("\"latency\": 0"), manifest);
        assertTrue(manifest.contains("\"limit\": \"199\""), manifest);
        String top = Files.readString(e.svFiles().get(2));
        assertTrue(top.contains("Counter_w8_lim99 c0 ("), top);
        assertTrue(top.contains(".en    (1'd1)"), top);
        try (var s = Files.list(tmp)) {
            assertEquals(1, s.count(), "no temporary folder may be left behind");
        }
    }

    @Test
    void anUnwritableDestinationLeavesNothingBehind() throws Exception {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        Circuit c = Elaborator.elaborate(TwoKinds.class);
        java.io.UncheckedIOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.UncheckedIOException.class,
                () -> OutputWriter.write(c, file.resolve("sub")));
        assertTrue(e.getMessage().contains("cannot write the design"), e.getMessage());
        try (var s = Files.list(tmp)) {
            assertEquals(1, s.count());
        }
    }
}
