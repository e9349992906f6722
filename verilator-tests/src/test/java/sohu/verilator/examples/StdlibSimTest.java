package sohu.verilator.examples;

import java.util.ArrayDeque;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sohu.hdl.Elaborator;
import sohu.hdl.lib.RoundRobinArbiter;
import sohu.hdl.lib.SkidBuffer;
import sohu.hdl.lib.ValidPipe;
import sohu.verilator.CircuitSim;
import sohu.verilator.Sim;

/** The rest of the standard library against Java models: skid buffer, arbiter, valid pipe. */
class StdlibSimTest {
    @Test
    void skidBufferLosesNothingAndKeepsOrder() {
        try (Sim sim = CircuitSim.open(Elaborator.elaborate(SkidBuffer.class, new SkidBuffer.Params(16)))) {
            sim.reset(2);
            Random rnd = new Random(11);
            ArrayDeque<Long> expected = new ArrayDeque<>();
            long next = 0;
            long received = 0;
            for (int i = 0; i < 30_000; i++) {
                boolean offer = rnd.nextInt(10) < 7;
                boolean ready = rnd.nextInt(10) < 6;
                sim.poke("in_valid", offer ? 1 : 0);
                sim.poke("in_payload", next & 0xFFFF);
                sim.poke("out_ready", ready ? 1 : 0);
                sim.eval();
                boolean push = offer && sim.peek("in_ready") == 1;
                boolean pop = ready && sim.peek("out_valid") == 1;
                if (pop) {
                    sim.expect(sim.port("out_payload"), expected.pollFirst());
                    received++;
                }
                if (push) {
                    expected.addLast(next & 0xFFFF);
                    next++;
                }
                sim.step();
            }
            if (received < 15_000) {
                throw new AssertionError("skid buffer moved too few words: " + received);
            }
        }
    }

    @Test
    void arbiterGrantsRoundRobin() {
        int n = 5;
        try (Sim sim = CircuitSim.open(Elaborator.elaborate(RoundRobinArbiter.class, new RoundRobinArbiter.Params(n)))) {
            sim.reset(2);
            Random rnd = new Random(13);
            int last = n - 1;
            for (int i = 0; i < 20_000; i++) {
                int req = rnd.nextInt(1 << n);
                boolean accept = rnd.nextInt(4) != 0;
                sim.poke("req", req);
                sim.poke("accept", accept ? 1 : 0);
                sim.eval();
                int winner = -1;
                for (int k = 1; k <= n && req != 0; k++) {
                    int cand = (last + k) % n;
                    if ((req >> cand & 1) == 1) {
                        winner = cand;
                        break;
                    }
                }
                sim.expect(sim.port("grant"), winner < 0 ? 0 : 1L << winner);
                if (winner >= 0) {
                    sim.expect(sim.port("grant_index"), winner);
                }
                sim.step();
                if (accept && winner >= 0) {
                    last = winner;
                }
            }
        }
    }

    @Test
    void validPipeDelaysByItsStages() {
        int stages = 3;
        try (Sim sim = CircuitSim.open(Elaborator.elaborate(ValidPipe.class, new ValidPipe.Params(12, stages)))) {
            sim.reset(2);
            Random rnd = new Random(17);
            ArrayDeque<long[]> line = new ArrayDeque<>();
            for (int i = 0; i < stages - 1; i++) {
                line.add(new long[] {0, -1});
            }
            for (int i = 0; i < 10_000; i++) {
                boolean v = rnd.nextBoolean();
                long d = rnd.nextInt(1 << 12);
                sim.poke("in_valid", v ? 1 : 0);
                sim.poke("in_data", d);
                sim.step();
                line.addLast(new long[] {v ? 1 : 0, d});
                long[] out = line.pollFirst();
                sim.expect(sim.port("out_valid"), out[0]);
                if (out[0] == 1) {
                    sim.expect(sim.port("out_data"), out[1]);
                }
            }
        }
    }
}
