package sohu.verilator.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
        assertTrue(text.contains("$var") && text.contains("count"), "VCD declares signals");
        assertTrue(text.contains("#41"), "VCD has 21 cycles = 42 half periods");
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
        assertTrue(Files.size(fst) > 0);
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
