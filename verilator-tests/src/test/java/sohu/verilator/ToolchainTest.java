package sohu.verilator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.hdl.exec.ExternalCommand;

/** Tool facts that enter the Verilator build: ccache only when installed, compiler version in the key. */
class ToolchainTest {
    @Test
    void ccacheIsUsedOnlyWhenInstalled() {
        assertTrue(Toolchain.useCcache(null, true));
        assertFalse(Toolchain.useCcache(null, false), "no ccache on the PATH: plain compiler, not a failing build");
        assertFalse(Toolchain.useCcache("true", false), "asking for it does not make it exist");
        assertFalse(Toolchain.useCcache("false", true));
        assertEquals(ExternalCommand.which("ccache").isPresent(), Toolchain.ccache());
    }

    @Test
    void theCompilersVersionIsPartOfTheKey(@TempDir Path dir) throws Exception {
        Path sv = Files.writeString(dir.resolve("t.sv"), "module t(input logic a, output logic y); assign y = a; endmodule\n");
        SimSource src = new SimSource("t", List.of(sv), List.of());
        SimOptions o = SimOptions.defaults();
        String v = "Verilator 5.006 2023-01-22";
        assertEquals(SimBuilder.key(src, o, v, "g++ 12.2.0"), SimBuilder.key(src, o, v, "g++ 12.2.0"));
        assertNotEquals(SimBuilder.key(src, o, v, "g++ 12.2.0"), SimBuilder.key(src, o, v, "g++ 13.1.0"));
        assertNotEquals(SimBuilder.key(src, o, v, "g++ 12.2.0"), SimBuilder.key(src, o, "Verilator 5.008", "g++ 12.2.0"));
    }

    @Test
    void theCompilersVersionIsWhatItPrints() {
        String direct = ExternalCommand.of(Toolchain.cxx(), "--version").check("c++ --version").output().strip();
        assertEquals(direct, Toolchain.cxxVersion());
        assertTrue(direct.lines().findFirst().orElse("").contains("g++") || !Toolchain.cxx().equals("g++"), direct);
    }
}
