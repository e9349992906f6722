package sohu.hdl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.hdl.Elaborator;
import sohu.hdl.Module;
import sohu.hdl.Tools;
import sohu.hdl.emit.Emitted;
import sohu.hdl.emit.OutputWriter;
import sohu.hdl.ir.Circuit;
import sohu.hdl.ir.ModuleDef;
import sohu.hdl.ir.Port;
import sohu.hdl.lib.Axi4;

/** AXI4 interfaces get the standard signal names under the user's prefix and connect in one statement. */
class Axi4Test {
    @TempDir
    Path tmp;

    @Test
    void aWholeAxi4InterfaceConnectsInOneStatementWithTheStandardNames() {
        Circuit c = Elaborator.elaborate("AxiBridge", () -> new Module() { {
            output("m_axi", Axi4.full(4, 32, 64)).set(input("s_axi", Axi4.full(4, 32, 64)));
        } });
        ModuleDef m = c.topModule();
        assertEquals(Port.Direction.OUTPUT, m.port("m_axi_awaddr").dir());
        assertEquals(Port.Direction.INPUT, m.port("m_axi_awready").dir());
        assertEquals(Port.Direction.INPUT, m.port("m_axi_rdata").dir());
        assertEquals(Port.Direction.OUTPUT, m.port("m_axi_rready").dir());
        assertEquals(Port.Direction.OUTPUT, m.port("s_axi_rdata").dir());
        assertEquals(8, m.port("m_axi_wstrb").width());
        assertEquals(2 * 37, m.ports().size(), "AXI4 without user and region signals: 37 per interface");
        Emitted e = OutputWriter.write(c, tmp.resolve("axi"));
        assertEquals("", Tools.lint(e.dir(), e.top(), e.svFiles()).output());
    }
}
