package sohu.verilator.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;

import org.junit.jupiter.api.Test;
import sohu.hdl.Bool;
import sohu.hdl.Elaborator;
import sohu.hdl.Module;
import sohu.hdl.UInt;
import sohu.hdl.examples.CheckedCounter;
import sohu.verilator.CircuitSim;
import sohu.verilator.Sim;
import sohu.verilator.SimAssertionException;
import sohu.verilator.SimOptions;

/**
 * Assertions, assumptions and cover points of the language in Verilator: a failing check
 * stops the simulation with the cycle, the message and the Java file:line; a passing one
 * never fires; cover points count their hits.
 */
class AssertionSimTest {
    private static final int[] AT = new int[1];

    private static int line() {
        return StackWalker.getInstance().walk(s -> s.skip(1).findFirst().orElseThrow()).getLineNumber();
    }

    /** Counts every cycle; asserts that the count never equals 5 while {@code check} is high. */
    static final class Forbids5 extends Module {
        Forbids5() {
            Bool check = input("check", Bool());
            UInt count = output("count", UInt(4));
            UInt value = reg("value", UInt(4), 0);
            value.set(value.addWrap(1));
            when(check, () -> {
                AT[0] = line() + 1;
                assertThat(value.ne(5), "value must \"never\" be 5 (100% sure)");
            });
            count.set(value);
        }
    }

    @Test
    void aFailingAssertionStopsTheSimWithCycleMessageAndJavaLine() {
        Sim sim = CircuitSim.open(Elaborator.elaborate("Forbids5", Forbids5::new));
        sim.poke("check", 1);
        sim.reset(1); // cycle 1; value is k-1 at the edge of cycle k+1, so 5 is seen at the edge of cycle 7
        sim.step(5);
        assertEquals(5, sim.peek("count"));
        SimAssertionException e = assertThrows(SimAssertionException.class, () -> sim.step(10));
        assertEquals(7, e.cycle(), e.getMessage());
        assertEquals("clk", e.clock());
        assertEquals("assert", e.kind());
        assertEquals("AssertionSimTest.java:" + AT[0], e.location(), e.getMessage());
        assertEquals("value must \"never\" be 5 (100% sure)", e.userMessage());
        assertTrue(e.getMessage().contains("in cycle 7"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> sim.peek("count"), "the failed simulation is closed");
    }

    @Test
    void theEnclosingConditionGuardsTheAssertion() {
        try (Sim sim = CircuitSim.open(Elaborator.elaborate("Forbids5", Forbids5::new))) {
            sim.poke("check", 0);
            sim.reset(1);
            sim.step(40); // passes 5 twice with check low
            assertEquals(40 % 16, sim.peek("count"));
        }
    }

    @Test
    void aPassingAssertionNeverFiresAndTheCoverPointCountsWraps() {
        CheckedCounter.Params p = new CheckedCounter.Params(4, 9, 12);
        try (Sim sim = CircuitSim.open(Elaborator.elaborate(CheckedCounter.class, p), SimOptions.defaults().withInternals(true))) {
            sim.poke("en", 1);
            sim.poke("clear", 0);
            sim.reset(1);
            long value = 0;
            long wraps = 0;
            for (int c = 0; c < 100; c++) {
                wraps += value == p.limit() ? 1 : 0; // the cover point samples before the edge
                value = value == p.limit() ? 0 : value + 1;
                sim.step();
                assertEquals(value, sim.peek("count"), "cycle " + sim.cycle());
            }
            assertEquals(10, wraps);
            assertEquals(wraps, sim.coverCount("wrap"));
        }
    }

    @Test
    void aBrokenAssumptionStopsTheSimToo() {
        try (Sim sim = CircuitSim.open(Elaborator.elaborate(CheckedCounter.class, new CheckedCounter.Params(4, 9, 12)))) {
            sim.poke("en", 1);
            sim.poke("clear", 0);
            sim.reset(1);
            sim.step(3);
            sim.poke("clear", 1);
            SimAssertionException e = assertThrows(SimAssertionException.class, sim::step);
            assertEquals("assume", e.kind());
            assertEquals(5, e.cycle());
            assertTrue(e.location().startsWith("CheckedCounter.java:"), e.location());
            assertEquals("clear and en are never high together", e.userMessage());
        }
    }
}
