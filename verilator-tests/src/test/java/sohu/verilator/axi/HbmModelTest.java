package sohu.verilator.axi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import sohu.hdl.Elaborator;
import sohu.hdl.Module;
import sohu.hdl.Types;
import sohu.hdl.lib.Axi4;
import sohu.verilator.Agent;
import sohu.verilator.CircuitSim;
import sohu.verilator.Sim;
import sohu.verilator.Testbench;

/**
 * The HBM model behind a wire-through AXI4 design, read by a hand-written master with two IDs:
 * the data is the memory's, no beat comes before the latency, each ID keeps its order while the
 * two IDs' bursts overtake each other, and the protocol monitor sees no violation of the model's.
 */
class HbmModelTest {
    @Test
    void readsReturnTheMemoryAfterTheLatencyReorderedAcrossIdsOnly() {
        Sim sim = CircuitSim.open(Elaborator.elaborate("AxiWire", () -> new Module() { {
            output("m_axi", Axi4.full(2, 32, 64)).set(input("s_axi", Axi4.full(2, 32, 64)));
            output("q", Types.Bool()).set(regNext("q_r", input("d", Types.Bool())));
        } }));
        SparseMemory mem = new SparseMemory();
        for (long a = 0; a < 4096; a++) {
            mem.write(a, (int) (a * 7 + 3) & 0xFF);
        }
        HbmConfig cfg = HbmConfig.hbm3(50).withJitter(200).withStalls(HbmConfig.Stalls.all(0.3)).withSeed(3);
        int bursts = 16;
        long[] issued = new long[bursts];
        List<long[]> beats = new ArrayList<>(); // {id, address, data, cycle}
        int[] next = {0};
        Agent master = new Agent() {
            @Override
            public void onCycle(Sim s, long c) {
                int i = next[0];
                s.poke("s_axi_arvalid", i < bursts ? 1 : 0);
                s.poke("s_axi_arid", i % 2);
                s.poke("s_axi_araddr", 64L * i);
                s.poke("s_axi_arlen", 1);
                s.poke("s_axi_arsize", 3);
                s.poke("s_axi_arburst", 1);
                s.poke("s_axi_rready", 1);
            }

            @Override
            public void monitor(Sim s, long c) {
                if (next[0] < bursts && s.peek("s_axi_arready") != 0) {
                    issued[next[0]++] = c;
                }
                if (s.peek("s_axi_rvalid") != 0) {
                    beats.add(new long[] {s.peek("s_axi_rid"), 0, s.peek("s_axi_rdata"), c});
                }
            }
        };
        try (Testbench tb = new Testbench(sim)) {
            AxiMonitor monitor = new AxiMonitor(sim, "m_axi");
            HbmModel hbm = new HbmModel(sim, "m_axi", cfg, mem);
            tb.add(master).add(hbm).add(monitor);
            tb.runUntil(() -> beats.size() == 2 * bursts, 10_000);
            assertTrue(monitor.quiet() && hbm.idle());
            assertTrue(monitor.readsOutOfOrder() > 0, "the monitor counts the overtaking bursts");
        }
        // Each ID's bursts in issue order: burst i (ID i%2) at 64*i, two beats.
        List<Integer> order = new ArrayList<>();
        int[] seen = new int[2];
        for (int k = 0; k < beats.size(); k += 2) {
            int id = (int) beats.get(k)[0];
            assertEquals(id, (int) beats.get(k + 1)[0], "a burst's beats are not interleaved");
            int burst = 2 * seen[id]++ + id;
            order.add(burst);
            long[] word = new long[1];
            mem.readWord(64L * burst, word);
            assertEquals(word[0], beats.get(k)[2], "first beat of burst " + burst);
            mem.readWord(64L * burst + 8, word);
            assertEquals(word[0], beats.get(k + 1)[2], "second beat of burst " + burst);
            assertTrue(beats.get(k)[3] - issued[burst] >= cfg.latency(), "burst " + burst + " before the latency");
        }
        boolean overtaken = false;
        for (int k = 1; k < order.size(); k++) {
            overtaken |= order.get(k) < order.get(k - 1);
        }
        assertTrue(overtaken, "some burst overtook an older one of the other ID: " + order);
    }
}
