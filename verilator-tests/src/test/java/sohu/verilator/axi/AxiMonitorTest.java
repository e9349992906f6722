package sohu.verilator.axi;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import sohu.hdl.Elaborator;
import sohu.hdl.Module;
import sohu.hdl.lib.Axi4;
import sohu.verilator.CircuitSim;
import sohu.verilator.Sim;
import sohu.verilator.Testbench;

/** The protocol monitor on a wire-through AXI4 design driven by hand: legal traffic passes, each broken rule fails with its name. */
class AxiMonitorTest {
    private static Sim open() {
        return CircuitSim.open(Elaborator.elaborate("AxiWire", () -> new Module() { {
            output("m_axi", Axi4.full(2, 32, 64)).set(input("s_axi", Axi4.full(2, 32, 64)));
            output("q", sohu.hdl.Types.Bool()).set(regNext("q_r", input("d", sohu.hdl.Types.Bool()))); // gives the design its clock
        } }));
    }

    /** Runs {@code cycles} cycles of {@code script(sim, cycle)} (driving s_axi_* and the m_axi_ slave inputs) under the monitor. */
    private static AxiMonitor run(int cycles, BiConsumer<Sim, Long> script) {
        try (Testbench tb = new Testbench(open())) {
            AxiMonitor m = new AxiMonitor(tb.sim(), "m_axi");
            tb.add((s, c) -> {
                script.accept(s, c);
                s.eval(); // the wire-through settles before the monitor samples
            }).add(m);
            tb.run(cycles);
            return m;
        }
    }

    private static void ar(Sim s, boolean valid, long addr, int len) {
        s.poke("s_axi_arvalid", valid ? 1 : 0);
        s.poke("s_axi_araddr", addr);
        s.poke("s_axi_arlen", len);
        s.poke("s_axi_arsize", 3);
        s.poke("s_axi_arburst", 1);
    }

    @Test
    void aLegalReadBurstPasses() {
        assertDoesNotThrow(() -> run(8, (s, c) -> {
            ar(s, c == 1 || c == 2, 0xF00, 1);
            s.poke("m_axi_arready", c == 2 ? 1 : 0); // one stall cycle, payload held
            s.poke("m_axi_rvalid", c == 4 || c == 5 ? 1 : 0);
            s.poke("m_axi_rlast", c == 5 ? 1 : 0);
            s.poke("s_axi_rready", 1);
        }));
    }

    /** Two one-beat reads, ID 0 then ID 1, answered ID 1 first: legal, and counted as out of order. */
    @Test
    void readsReturnedOutOfOrderAcrossIdsPassAndAreCounted() {
        AxiMonitor m = run(8, (s, c) -> {
            ar(s, c == 1 || c == 2, 0x100 * c, 0);
            s.poke("s_axi_arid", c == 1 ? 0 : 1);
            s.poke("m_axi_arready", 1);
            s.poke("m_axi_rvalid", c == 4 || c == 5 ? 1 : 0);
            s.poke("m_axi_rid", c == 4 ? 1 : 0);
            s.poke("m_axi_rlast", 1);
            s.poke("s_axi_rready", 1);
        });
        assertEquals(1, m.readsOutOfOrder());
        assertTrue(m.quiet());
    }

    /** Two reads of ID 0, one beat then two: two beats with RLAST on the second break the ID's order. */
    @Test
    void readsOfOneIdOutOfOrderFail() {
        AssertionError e = assertThrows(AssertionError.class, () -> run(8, (s, c) -> {
            ar(s, c == 1 || c == 2, 0x100 * c, c == 1 ? 0 : 1);
            s.poke("m_axi_arready", 1);
            s.poke("m_axi_rvalid", c == 4 || c == 5 ? 1 : 0);
            s.poke("m_axi_rlast", c == 5 ? 1 : 0);
            s.poke("s_axi_rready", 1);
        }));
        assertTrue(e.getMessage().contains("cycle 4") && e.getMessage().contains("RLAST on the last beat"), e.getMessage());
    }

    @Test
    void aBurstCrossingFourKibFails() {
        AssertionError e = assertThrows(AssertionError.class, () -> run(4, (s, c) -> {
            ar(s, c == 1, 0xFF8, 1);
            s.poke("m_axi_arready", 1);
        }));
        assertTrue(e.getMessage().contains("cycle 1") && e.getMessage().contains("AR burst within 4 KiB"), e.getMessage());
    }

    @Test
    void validDroppedBeforeReadyFails() {
        AssertionError e = assertThrows(AssertionError.class, () -> run(4, (s, c) -> ar(s, c == 1, 0, 0)));
        assertTrue(e.getMessage().contains("cycle 2") && e.getMessage().contains("ARVALID held until READY"), e.getMessage());
    }

    @Test
    void payloadChangedWhileStalledFails() {
        AssertionError e = assertThrows(AssertionError.class, () -> run(4, (s, c) -> ar(s, c >= 1, c == 1 ? 0 : 64, 0)));
        assertTrue(e.getMessage().contains("AR payload stable while stalled"), e.getMessage());
    }

    @Test
    void anEarlyWlastFails() {
        AssertionError e = assertThrows(AssertionError.class, () -> run(6, (s, c) -> {
            s.poke("s_axi_awvalid", c == 1 ? 1 : 0);
            s.poke("s_axi_awlen", 3);
            s.poke("s_axi_awsize", 3);
            s.poke("s_axi_awburst", 1);
            s.poke("m_axi_awready", 1);
            s.poke("s_axi_wvalid", c == 2 || c == 3 ? 1 : 0);
            s.poke("s_axi_wlast", c == 3 ? 1 : 0);
            s.poke("m_axi_wready", 1);
        }));
        assertTrue(e.getMessage().contains("WLAST on the last beat") && e.getMessage().contains("beat 2 of a 4-beat"), e.getMessage());
    }

    @Test
    void readDataForNoOutstandingBurstFails() {
        AssertionError e = assertThrows(AssertionError.class, () -> run(4, (s, c) -> {
            s.poke("m_axi_rvalid", c == 2 ? 1 : 0);
            s.poke("m_axi_rid", 1);
            s.poke("s_axi_rready", 1);
        }));
        assertTrue(e.getMessage().contains("R matches a read burst"), e.getMessage());
    }
}
