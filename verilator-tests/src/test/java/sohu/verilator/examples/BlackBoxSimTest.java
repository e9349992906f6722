package sohu.verilator.examples;

import java.util.Random;
import org.junit.jupiter.api.Test;
import sohu.hdl.Elaborator;
import sohu.hdl.examples.PopCountUser;
import sohu.verilator.CircuitSim;
import sohu.verilator.Sim;
import sohu.verilator.SimOptions;

/** A design using two SystemVerilog black boxes, against Long.bitCount. */
class BlackBoxSimTest {
    @Test
    void blackBoxesComputeThePopulationCount() {
        try (Sim sim = CircuitSim.open(Elaborator.elaborate(PopCountUser.class), SimOptions.defaults().withClock("none"))) {
            Sim.Port word = sim.port("word");
            Sim.Port total = sim.port("total");
            Random rnd = new Random(9);
            for (int i = 0; i < 70_000; i++) {
                long w = i < 65_536 ? i : rnd.nextInt(1 << 16);
                word.set(w);
                sim.eval();
                sim.expect(total, Long.bitCount(w));
            }
        }
    }
}
