package sohu.hdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import sohu.hdl.emit.Emitted;
import sohu.hdl.emit.OutputWriter;
import sohu.hdl.examples.Examples;
import sohu.hdl.exec.CommandResult;
import sohu.hdl.ir.Circuit;

/** Every example design passes Verilator -Wall silently, Yosys synth and synth_xilinx, and Icarus -g2012. */
@Execution(ExecutionMode.CONCURRENT)
class ExamplesToolchainTest {
    @TempDir
    Path tmp;

    static Stream<String> examples() {
        return Examples.all().stream().map(Examples.Example::name);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void allThreeToolsAcceptTheExample(String name) {
        assertToolsAccept(Examples.byName(name).elaborate().get(), tmp.resolve(name), name);
    }

    private static void assertToolsAccept(Circuit c, Path dir, String name) {
        Emitted e = OutputWriter.write(c, dir);
        CommandResult lint = Tools.lint(e.dir(), e.top(), e.svFiles());
        assertEquals("", lint.output(), "verilator -Wall must print nothing for " + name);
        assertEquals(0, lint.exit());
        for (String synth : new String[] {"synth", "synth_xilinx"}) {
            CommandResult y = Tools.yosys(e.dir(), e.top(), e.svFiles(), synth);
            assertEquals(0, y.exit(), synth + " failed for " + name + ":\n" + y.output());
            assertFalse(y.output().contains("no driver"), synth + " found an undriven wire:\n" + y.output());
        }
        CommandResult iv = Tools.icarus(e.dir(), e.top(), e.svFiles());
        assertEquals(0, iv.exit(), "iverilog failed for " + name + ":\n" + iv.output());
        assertTrue(iv.output().isBlank(), "iverilog warned for " + name + ":\n" + iv.output());
    }
}
