package sohu.verilator.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.verilator.Sim;
import sohu.verilator.SimException;
import sohu.verilator.SimOptions;
import sohu.verilator.WaveFormat;

class WavesTest {

    @Test
    void vcdWrittenWhenEnabled(@TempDir Path dir) throws Exception {
        Path vcd = dir.resolve("counter.vcd");
        try (Sim sim = Sim.open(Designs.counter(), SimOptions.defaults().withWaves(WaveFormat.VCD, vcd))) {
            sim.reset(1);
            sim.poke("en", 1);
            sim.step(20);
            assertEquals(vcd.toAbsolutePath(), sim.wavePath().orElseThrow());
        }
        String text = Files.readString(vcd);
        Vcd v = Vcd.parse(text);
        // 21 cycles (1 of reset, 20 counting), two time units each.
        List<Vcd.Change> clk = v.of("TOP.clk");
        long rises = clk.stream().filter(c -> c.value() == 1).count();
        assertEquals(21, rises, "rising clock edges in " + clk);
        assertEquals(1, v.valueAt("TOP.rst", 0), "reset during the first cycle");
        assertEquals(0, v.valueAt("TOP.rst", 3), "reset released after one cycle");
        // After the reset edge the counter is 0; each of the 20 enabled edges adds one.
        List<Long> edges = clk.stream().filter(c -> c.value() == 1).map(Vcd.Change::time).toList();
        for (int i = 0; i < edges.size(); i++) {
            long expect = i;
            assertEquals(expect, v.valueAt("TOP.count", edges.get(i)), "count after rising edge " + i + " at time " + edges.get(i));
        }
        // The submodule's internal output is traced too: always count + 1.
        long last = edges.get(edges.size() - 1);
        assertEquals(21, v.valueAt("TOP.counter.u_inc.y", last), "incr's output at the last edge");
    }

    @Test
    void fstWrittenOnDemand(@TempDir Path dir) throws Exception {
        Path fst = dir.resolve("w.fst");
        SimOptions o = SimOptions.defaults().withWaves(WaveFormat.FST, dir.resolve("first.fst"));
        try (Sim sim = Sim.open(Designs.counter(), o)) {
            sim.stopWaves();
            sim.step(3);
            sim.startWaves(fst);
            sim.step(3);
        }
        // The FST header block (GTKWave's fstapi: tag 0, then big-endian u64 fields) as the writer
        // completes it on close: the traced time span and the declared scopes and variables.
        ByteBuffer h = ByteBuffer.wrap(Files.readAllBytes(fst)).order(ByteOrder.BIG_ENDIAN);
        assertEquals(0, h.get(0), "header block tag");
        long startTime = h.getLong(9);
        long endTime = h.getLong(17);
        long scopes = h.getLong(41);
        long vars = h.getLong(49);
        assertEquals(6, startTime, "tracing starts after 3 cycles of 2 time units");
        assertEquals(11, endTime, "3 more cycles traced: times 6 .. 11");
        assertEquals(3, scopes, "TOP, counter and u_inc");
        assertEquals(13, vars, "the 13 signals the VCD of the same design declares");
    }

    @Test
    void noTracingByDefault() {
        try (Sim sim = Sim.open(Designs.counter())) {
            assertFalse(sim.wavePath().isPresent());
            assertEquals(WaveFormat.NONE, sim.build().waves());
            assertThrows(SimException.class, () -> sim.startWaves(Path.of("x.vcd")));
        }
    }
}
