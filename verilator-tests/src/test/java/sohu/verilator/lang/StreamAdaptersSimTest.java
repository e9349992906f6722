package sohu.verilator.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sohu.hdl.Types.Bundle;
import static sohu.hdl.Types.Stream;
import static sohu.hdl.Types.UInt;
import static sohu.hdl.Types.Vec;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sohu.hdl.Bundle;
import sohu.hdl.Elaborator;
import sohu.hdl.HwType;
import sohu.hdl.Module;
import sohu.hdl.Stream;
import sohu.hdl.lib.Streams;
import sohu.verilator.CircuitSim;
import sohu.verilator.Sim;

/** The round-robin stream arbiter and the width adapters over Bundle payloads, in Verilator against Java models. */
class StreamAdaptersSimTest {
    static final HwType.BundleType AB = Bundle("a", UInt(8), "b", UInt(4));

    /** Three Bundle streams into a round-robin arbiter. */
    public static final class Rr extends Module {
        /** Builds it. */
        public Rr() {
            List<Stream<Bundle>> xs = List.of(input("x0", Stream(AB)), input("x1", Stream(AB)), input("x2", Stream(AB)));
            output("out", Stream(AB)).set(Streams.roundRobin("rr", xs));
        }
    }

    /** Three Bundle beats into one Vec beat, and a Vec beat back into Bundle beats. */
    public static final class Adapters extends Module {
        /** Builds it. */
        public Adapters() {
            output("wide", Stream(Vec(AB, 3))).set(Streams.widenVec("up", input("beats", Stream(AB)), 3));
            output("slim", Stream(AB)).set(Streams.narrowVec("down", input("vecs", Stream(Vec(AB, 3)))));
        }
    }

    @Test
    void roundRobinServesTheFirstValidInputAfterTheLastOneServed() {
        try (Sim sim = CircuitSim.open(Elaborator.elaborate(Rr.class))) {
            sim.reset(2);
            Random rnd = new Random(5);
            int last = 2; // the model: the search starts after input 2, so input 0 goes first
            int[] served = new int[3];
            int[] seq = new int[3];
            for (int cycle = 0; cycle < 3000; cycle++) {
                boolean[] valid = new boolean[3];
                for (int i = 0; i < 3; i++) {
                    valid[i] = rnd.nextInt(3) != 0;
                    sim.poke("x" + i + "_valid", valid[i] ? 1 : 0);
                    sim.poke("x" + i + "_payload_a", (seq[i] * 3 + i) & 0xFF);
                    sim.poke("x" + i + "_payload_b", i);
                }
                boolean ready = rnd.nextInt(4) != 0;
                sim.poke("out_ready", ready ? 1 : 0);
                sim.eval();
                int winner = -1;
                for (int k = 1; k <= 3 && winner < 0; k++) {
                    int i = (last + k) % 3;
                    winner = valid[i] ? i : -1;
                }
                assertEquals(winner >= 0 ? 1 : 0, sim.peek("out_valid"), "valid at cycle " + cycle);
                for (int i = 0; i < 3; i++) {
                    if (valid[i]) { // ready without valid moves nothing
                        assertEquals(i == winner && ready ? 1 : 0, sim.peek("x" + i + "_ready"), "ready " + i + " at " + cycle);
                    }
                }
                if (winner >= 0) {
                    assertEquals(winner, sim.peek("out_payload_b"), "winner at cycle " + cycle);
                    assertEquals((seq[winner] * 3 + winner) & 0xFF, sim.peek("out_payload_a"), "payload at " + cycle);
                    if (ready) {
                        served[winner]++;
                        seq[winner]++;
                        last = winner;
                    }
                }
                sim.step();
            }
            for (int n : served) {
                assertTrue(n > 300, "every input is served: " + java.util.Arrays.toString(served));
            }
        }
    }

    @Test
    void bundleBeatsGatherIntoAVecAndAVecSplitsBackElementZeroFirst() {
        try (Sim sim = CircuitSim.open(Elaborator.elaborate(Adapters.class))) {
            sim.reset(2);
            Random rnd = new Random(17);
            Deque<long[]> gathered = new ArrayDeque<>(); // beats accepted by the widener, {a, b}
            Deque<long[]> toSend = new ArrayDeque<>();   // elements the narrower owes
            long next = 0;
            long[][] vec = randomVec(rnd);
            int wides = 0;
            int slims = 0;
            for (int cycle = 0; cycle < 5000; cycle++) {
                boolean bv = rnd.nextBoolean();
                boolean wr = rnd.nextInt(3) != 0;
                boolean vv = rnd.nextInt(4) == 0;
                boolean sr = rnd.nextInt(3) != 0;
                sim.poke("beats_valid", bv ? 1 : 0);
                sim.poke("beats_payload_a", next & 0xFF);
                sim.poke("beats_payload_b", (next * 7) & 0xF);
                sim.poke("wide_ready", wr ? 1 : 0);
                sim.poke("vecs_valid", vv ? 1 : 0);
                for (int i = 0; i < 3; i++) {
                    sim.poke("vecs_payload_" + i + "_a", vec[i][0]);
                    sim.poke("vecs_payload_" + i + "_b", vec[i][1]);
                }
                sim.poke("slim_ready", sr ? 1 : 0);
                sim.eval();
                if (wr && sim.peek("wide_valid") == 1) {
                    for (int i = 0; i < 3; i++) {
                        long[] want = gathered.removeFirst();
                        assertEquals(want[0], sim.peek("wide_payload_" + i + "_a"), "wide " + wides + " element " + i);
                        assertEquals(want[1], sim.peek("wide_payload_" + i + "_b"), "wide " + wides + " element " + i);
                    }
                    wides++;
                }
                if (bv && sim.peek("beats_ready") == 1) {
                    gathered.addLast(new long[] {next & 0xFF, (next * 7) & 0xF});
                    next++;
                }
                if (sr && sim.peek("slim_valid") == 1) {
                    long[] want = toSend.removeFirst();
                    assertEquals(want[0], sim.peek("slim_payload_a"), "slim " + slims);
                    assertEquals(want[1], sim.peek("slim_payload_b"), "slim " + slims);
                    slims++;
                }
                if (vv && sim.peek("vecs_ready") == 1) {
                    toSend.addAll(List.of(vec));
                    vec = randomVec(rnd);
                }
                sim.step();
            }
            assertTrue(wides > 200 && slims > 500, "wides " + wides + ", slims " + slims);
        }
    }

    private static long[][] randomVec(Random rnd) {
        long[][] v = new long[3][];
        for (int i = 0; i < 3; i++) {
            v[i] = new long[] {rnd.nextInt(256), rnd.nextInt(16)};
        }
        return v;
    }
}
