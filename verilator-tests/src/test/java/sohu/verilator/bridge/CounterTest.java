package sohu.verilator.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import sohu.verilator.Agent;
import sohu.verilator.Sim;
import sohu.verilator.SimOptions;
import sohu.verilator.SimSource;
import sohu.verilator.Testbench;

class CounterTest {

    @Test
    void matchesJavaModelUnderRandomStimulus() {
        try (Sim sim = Sim.open(Designs.counter())) {
            Sim.Port rst = sim.port("rst");
            Sim.Port en = sim.port("en");
            Sim.Port count = sim.port("count");
            Sim.Port wrap = sim.port("wrap");
            sim.reset(2);
            assertEquals(0, count.get());
            Random rnd = new Random(1);
            int model = 0;
            for (int c = 0; c < 2000; c++) {
                boolean r = rnd.nextInt(50) == 0;
                boolean e = rnd.nextInt(4) != 0;
                rst.set(r ? 1 : 0);
                en.set(e ? 1 : 0);
                sim.eval(); // settle the combinational 'wrap' for the current inputs
                assertEquals(e && model == 0xff ? 1 : 0, wrap.get(), "wrap before cycle " + c);
                sim.step();
                model = r ? 0 : e ? (model + 1) & 0xff : model;
                assertEquals(model, count.get(), "count after cycle " + c);
            }
            assertEquals(2002, sim.cycle());
        }
    }

    @Test
    void fileListAndAgentsInRegistrationOrder() {
        SimSource src = SimSource.fromFilelist("counter", Designs.file("counter.f"), Designs.COUNTER_PORTS);
        StringBuilder order = new StringBuilder();
        try (Testbench tb = new Testbench(Sim.open(src))) {
            tb.sim().reset(1);
            tb.add((sim, c) -> { order.append('a'); sim.poke("en", 1); })
              .add(new Agent() {
                  @Override public void onCycle(Sim sim, long c) { order.append('b'); }
                  @Override public void monitor(Sim sim, long c) { order.append('m'); }
              })
              .add(Agent.monitor((sim, c) -> tb.check("count", c & 0xff, sim.peek("count"))));
            tb.run(3);
            assertEquals("abmabmabm", order.toString());
            long ran = tb.runUntil(() -> tb.sim().peek("count") == 10, 100);
            assertEquals(7, ran);
            AssertionError timeout = assertThrows(AssertionError.class, () -> tb.runUntil(() -> false, 5));
            assertTrue(timeout.getMessage().contains("timeout"), timeout.getMessage());
        }
    }

    @Test
    void portErrorsAreClear() {
        Sim sim = Sim.open(Designs.counter(), SimOptions.defaults());
        assertThrows(IllegalStateException.class, () -> sim.poke("count", 1));
        assertThrows(IllegalArgumentException.class, () -> sim.poke("en", 2));
        assertThrows(IllegalArgumentException.class, () -> sim.port("nope"));
        sim.poke("en", -1); // two's complement of the 1-bit width
        assertEquals(1, sim.peek("en"));
        Sim.Port count = sim.port("count");
        sim.close();
        sim.close(); // idempotent
        assertThrows(IllegalStateException.class, count::get);
        assertThrows(IllegalStateException.class, sim::step);
    }
}
