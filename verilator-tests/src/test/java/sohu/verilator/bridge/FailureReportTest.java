package sohu.verilator.bridge;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.verilator.Sim;
import sohu.verilator.SimOptions;
import sohu.verilator.Testbench;
import sohu.verilator.WaveFormat;

class FailureReportTest {

    @Test
    void mismatchNamesCycleSignalValuesHistoryAndWaves(@TempDir Path dir) {
        Path vcd = dir.resolve("fail.vcd");
        try (Testbench tb = new Testbench(Sim.open(Designs.counter(), SimOptions.defaults().withWaves(WaveFormat.VCD, vcd)))) {
            tb.sim().reset(2);
            tb.add((sim, c) -> sim.poke("en", 1));
            tb.run(20);
            AssertionError e = assertThrows(AssertionError.class, () -> tb.check("count", 0x2a, tb.sim().peek("count")));
            String m = e.getMessage();
            assertTrue(m.contains("at cycle 22"), m);
            assertTrue(m.contains("'count'") && m.contains("expected 0x2a") && m.contains("actual 0x14"), m);
            assertTrue(m.contains("cycle  clk  rst  en  count  wrap"), m);
            assertTrue(m.contains("     7    1    0   1   0x05     0"), m);  // 16 rows: cycles 7..22
            assertTrue(!m.contains("     6    1"), m);
            assertTrue(m.contains("waveform: " + vcd.toAbsolutePath()), m);
        }
    }

    @Test
    void expectOnSimWithoutHistory() {
        try (Sim sim = Sim.open(Designs.counter(), SimOptions.defaults().withHistory(0))) {
            sim.reset(1);
            AssertionError e = assertThrows(AssertionError.class, () -> sim.expect("count", 3));
            assertTrue(e.getMessage().startsWith("counter at cycle 1: mismatch on 'count': expected 0x03, actual 0x00"), e.getMessage());
        }
    }
}
