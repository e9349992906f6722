package sohu.verilator.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import sohu.verilator.Sim;
import sohu.verilator.SimException;
import sohu.verilator.SimOptions;

class InternalSignalTest {

    @Test
    void readsSignalsInsideInstances() {
        try (Sim sim = Sim.open(Designs.counter(), SimOptions.defaults().withInternals(true))) {
            sim.reset(1);
            sim.poke("en", 1);
            sim.step(5);
            assertEquals(5, sim.peek("count"));
            assertEquals(6, sim.peekInternalLong("counter.u_inc.y"));
            assertEquals(BigInteger.valueOf(6), sim.peekInternal("TOP.counter.next_count"));
            assertEquals(5, sim.peekInternalLong("u_inc.a")); // relative to the top
            SimException e = assertThrows(SimException.class, () -> sim.peekInternal("counter.nope"));
            assertTrue(e.getMessage().contains("TOP.counter.nope"), e.getMessage());
            assertThrows(SimException.class, () -> sim.peekInternal("counter.u_inc")); // a scope
        }
    }

    @Test
    void clearErrorWhenNotExposed() {
        try (Sim sim = Sim.open(Designs.counter())) {
            SimException e = assertThrows(SimException.class, () -> sim.peekInternal("counter.u_inc.y"));
            assertTrue(e.getMessage().contains("withInternals(true)"), e.getMessage());
        }
    }
}
