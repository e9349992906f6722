package sohu.verilator.examples;

import java.util.Random;
import org.junit.jupiter.api.Test;
import sohu.hdl.Elaborator;
import sohu.hdl.lib.Counter;
import sohu.verilator.CircuitSim;
import sohu.verilator.Sim;

/** The counter under random enable and clear, against a Java model, every cycle. */
class CounterSimTest {
    @Test
    void matchesTheModelUnderRandomStimulus() {
        long limit = 200;
        try (Sim sim = CircuitSim.open(Elaborator.elaborate(Counter.class, new Counter.Params(8, limit)))) {
            Sim.Port en = sim.port("en");
            Sim.Port clear = sim.port("clear");
            Sim.Port count = sim.port("count");
            Sim.Port wrap = sim.port("wrap");
            sim.reset(2);
            Random rnd = new Random(1);
            long model = 0;
            for (int i = 0; i < 20_000; i++) {
                boolean e = rnd.nextInt(8) != 0;
                boolean c = rnd.nextInt(500) == 0;
                en.set(e ? 1 : 0);
                clear.set(c ? 1 : 0);
                sim.eval();
                sim.expect(wrap, e && model == limit ? 1 : 0);
                sim.step();
                model = c ? 0 : e ? (model == limit ? 0 : model + 1) : model;
                sim.expect(count, model);
            }
        }
    }
}
