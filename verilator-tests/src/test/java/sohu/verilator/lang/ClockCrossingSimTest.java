package sohu.verilator.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import sohu.hdl.Elaborator;
import sohu.hdl.examples.ClockCrossing;
import sohu.verilator.CircuitSim;
import sohu.verilator.Sim;
import sohu.verilator.SimOptions;

/**
 * The two-clock example with unrelated clocks (5 edges of clk_a for every 3 of clk_b,
 * and the other way round): every word offered in domain A arrives once, in order, in
 * domain B, and the flag follows through its bit synchronizer.
 */
class ClockCrossingSimTest {
    private static void run(int aPerRound, int bPerRound) {
        try (Sim sim = CircuitSim.open(Elaborator.elaborate(ClockCrossing.class, new ClockCrossing.Params(8)),
                SimOptions.defaults().withInternals(true))) {
            sim.poke("rst_a", 1);
            sim.poke("aresetn", 0);
            sim.step("clk_a", 2);
            sim.step("clk_b", 2);
            sim.poke("rst_a", 0);
            sim.poke("aresetn", 1);
            List<Long> words = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                words.add((i * 73L + 5) & 0xFF);
            }
            int next = 0;
            List<Long> seen = new ArrayList<>();
            long received = 0;
            sim.poke("a_flag", 1);
            for (int round = 0; round < 400 && seen.size() < words.size(); round++) {
                for (int k = 0; k < aPerRound; k++) {
                    sim.poke("a_valid", next < words.size() ? 1 : 0);
                    sim.poke("a_data", next < words.size() ? words.get(next) : 0);
                    sim.eval();
                    boolean moves = next < words.size() && sim.peek("a_ready") == 1;
                    sim.step("clk_a");
                    next += moves ? 1 : 0;
                }
                for (int k = 0; k < bPerRound; k++) {
                    sim.step("clk_b");
                    long count = sim.peek("b_received");
                    if (count != received) {
                        assertEquals(received + 1, count, "one word per clk_b edge at most");
                        received = count;
                        seen.add(sim.peek("b_value"));
                    }
                }
            }
            assertEquals(words, seen);
            assertEquals(1, sim.peek("b_flag"));
            assertEquals(20, sim.coverCount("word"));
            assertEquals(sim.cycle("clk_a") * bPerRound, sim.cycle("clk_b") * aPerRound + 2 * (bPerRound - aPerRound));
        }
    }

    @Test
    void wordsCrossFromAFastToASlowClock() {
        run(5, 3);
    }

    @Test
    void wordsCrossFromASlowToAFastClock() {
        run(3, 5);
    }
}
