package sohu.verilator.examples;

import java.util.ArrayDeque;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sohu.hdl.Elaborator;
import sohu.hdl.examples.PipelinedMultiplier;
import sohu.verilator.CircuitSim;
import sohu.verilator.Sim;

/** The pipelined signed multiplier: a product and its valid bit appear exactly `stages` cycles later. */
class MultiplierSimTest {
    @Test
    void productsArriveAfterTheLatencyWithTheirValidBit() {
        int width = 12;
        int stages = 3;
        try (Sim sim = CircuitSim.open(Elaborator.elaborate(PipelinedMultiplier.class, new PipelinedMultiplier.Params(width, stages)))) {
            Sim.Port inValid = sim.port("in_valid");
            Sim.Port a = sim.port("a");
            Sim.Port b = sim.port("b");
            Sim.Port outValid = sim.port("out_valid");
            Sim.Port p = sim.port("p");
            sim.reset(2);
            Random rnd = new Random(5);
            ArrayDeque<long[]> inFlight = new ArrayDeque<>();
            // A word poked before step k is visible after step k + stages - 1.
            for (int i = 0; i < stages - 1; i++) {
                inFlight.add(new long[] {0, 0});
            }
            long mask = (1L << width) - 1;
            for (int i = 0; i < 20_000; i++) {
                boolean v = rnd.nextInt(4) != 0;
                long x = rnd.nextInt(1 << width) - (1 << (width - 1));
                long y = rnd.nextInt(1 << width) - (1 << (width - 1));
                if (i % 97 == 0) {
                    x = -(1L << (width - 1));
                    y = -(1L << (width - 1));
                }
                inValid.set(v ? 1 : 0);
                a.set(x & mask);
                b.set(y & mask);
                sim.step();
                inFlight.addLast(new long[] {v ? 1 : 0, x * y});
                long[] expect = inFlight.pollFirst();
                sim.expect(outValid, expect[0]);
                if (expect[0] == 1) {
                    sim.expect(p, expect[1] & ((1L << (2 * width)) - 1));
                }
            }
        }
    }
}
