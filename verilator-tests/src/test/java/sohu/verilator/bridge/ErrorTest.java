package sohu.verilator.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import sohu.verilator.Sim;
import sohu.verilator.SimBuildException;
import sohu.verilator.SimException;
import sohu.verilator.SimOptions;
import sohu.verilator.SimPort;
import sohu.verilator.SimSource;

class ErrorTest {

    @Test
    void lintFailureCarriesToolOutputAndCommand() {
        SimSource src = SimSource.of("lint_error", Designs.file("lint_error.sv"));
        SimBuildException e = assertThrows(SimBuildException.class, () -> Sim.open(src));
        assertTrue(e.getMessage().contains("%Warning-WIDTH"), e.getMessage());
        assertTrue(e.getMessage().contains("command: verilator --cc"), e.getMessage());
        assertEquals("verilator", e.command().get(0));
        assertTrue(e.output().contains("lint_error.sv:7"), e.output());
    }

    @Test
    void wrongDeclaredPortsAreReported() {
        SimSource src = new SimSource("counter", Designs.counter().files(),
                List.of(SimPort.in("clk", 1), SimPort.in("rst", 1), SimPort.in("en", 1), SimPort.out("count", 16),
                        SimPort.out("wrap", 1)));
        SimException e = assertThrows(SimException.class, () -> Sim.open(src));
        assertTrue(e.getMessage().contains("count, width=16") && e.getMessage().contains("count, width=8"), e.getMessage());
    }

    @Test
    void finishStopsSteppingAndStopFailsWithoutKillingTheJvm() {
        SimSource src = SimSource.of("finisher", Designs.file("finisher.sv"));
        try (Sim sim = Sim.open(src)) {
            sim.step(10);
            assertTrue(sim.finished());
            assertEquals(5, sim.cycle());
            assertThrows(SimException.class, sim::step);
        }
        try (Sim sim = Sim.open(src)) {
            sim.step(2);
            sim.poke("bad", 1);
            SimException e = assertThrows(SimException.class, sim::step);
            assertTrue(e.getMessage().contains("$stop") && e.getMessage().contains("finisher.sv"), e.getMessage());
            assertTrue(e.getMessage().contains("in cycle 3 (2 completed)") && e.getMessage().contains("cycle  clk  bad    n"), e.getMessage());
            assertFalse(sim.finished());
            assertThrows(IllegalStateException.class, sim::step); // closed after a fatal error
        }
    }

    @Test
    void noClockPortIsAClearError() {
        try (Sim sim = Sim.open(Designs.counter(), SimOptions.defaults().withClock("clock"))) {
            SimException e = assertThrows(SimException.class, sim::step);
            assertTrue(e.getMessage().contains("no clock port 'clock'"), e.getMessage());
        }
    }
}
