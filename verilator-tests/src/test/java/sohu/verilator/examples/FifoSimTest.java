package sohu.verilator.examples;

import java.util.ArrayDeque;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sohu.hdl.Elaborator;
import sohu.hdl.lib.Queue;
import sohu.verilator.Agent;
import sohu.verilator.CircuitSim;
import sohu.verilator.Sim;
import sohu.verilator.Testbench;

/**
 * The FIFO under random push and random back-pressure, with a driver agent, a consumer
 * agent and a scoreboard agent stepped by one testbench scheduler.
 */
class FifoSimTest {
    @Test
    void deliversEveryWordInOrderUnderRandomBackPressure() {
        int depth = 4;
        try (Testbench tb = new Testbench(CircuitSim.open(Elaborator.elaborate(Queue.class, new Queue.Params(8, depth))))) {
            Sim sim = tb.sim();
            sim.reset(2);
            Random rnd = new Random(7);
            ArrayDeque<Long> model = new ArrayDeque<>();
            long[] sent = {0};
            long[] received = {0};
            boolean[] pushing = new boolean[1];
            boolean[] popping = new boolean[1];
            Sim.Port enqValid = sim.port("enq_valid");
            Sim.Port enqReady = sim.port("enq_ready");
            Sim.Port enqData = sim.port("enq_payload");
            Sim.Port deqValid = sim.port("deq_valid");
            Sim.Port deqReady = sim.port("deq_ready");
            Sim.Port deqData = sim.port("deq_payload");
            Sim.Port count = sim.port("count");
            // Producer: offers the next word with probability 0.6.
            tb.add((s, c) -> {
                boolean offer = rnd.nextInt(10) < 6;
                enqValid.set(offer ? 1 : 0);
                enqData.set((sent[0] * 37 + 11) & 0xFF);
                pushing[0] = offer && enqReady.get() == 1;
            });
            // Consumer: ready with probability 0.5 (random back-pressure); checks what it takes.
            tb.add((s, c) -> {
                boolean ready = rnd.nextBoolean();
                deqReady.set(ready ? 1 : 0);
                popping[0] = ready && deqValid.get() == 1;
                if (deqValid.get() == 1) {
                    tb.check("deq_payload", model.peekFirst(), deqData.get());
                }
            });
            // Scoreboard: updates the model after the edge and checks the occupancy.
            tb.add(Agent.monitor((s, c) -> {
                if (popping[0]) {
                    model.pollFirst();
                    received[0]++;
                }
                if (pushing[0]) {
                    model.addLast((sent[0] * 37 + 11) & 0xFF);
                    sent[0]++;
                }
                tb.check("count", model.size(), count.get());
                tb.check("deq_valid", model.isEmpty() ? 0 : 1, deqValid.get());
                tb.check("enq_ready", model.size() < depth ? 1 : 0, enqReady.get());
            }));
            tb.run(30_000);
            if (received[0] < 10_000) {
                throw new AssertionError("too few words moved: " + received[0]);
            }
        }
    }
}
