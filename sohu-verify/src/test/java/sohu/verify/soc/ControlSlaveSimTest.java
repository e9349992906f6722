package sohu.verify.soc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import sohu.core.soc.rtl.ControlSlave;
import sohu.hdl.lib.Axi4;
import sohu.verilator.CircuitSim;
import sohu.verilator.Agent;
import sohu.verilator.Sim;
import sohu.verilator.Testbench;
import sohu.verilator.axi.AxiLiteMaster;

/**
 * The control slave in Verilator through a Java AXI4-Lite master: program registers written and
 * read back, CTRL's start pulse, STATUS and every counter register against the inputs driven,
 * SLVERR for an address past the map (and the slave still answers afterwards).
 */
class ControlSlaveSimTest {
    private static final int LIMIT = 64;

    private final List<long[]> starts = new ArrayList<>();

    /** The master on a testbench that records every start pulse with the program registers. */
    private Master master(Sim sim) {
        sim.reset(2);
        Testbench tb = new Testbench(sim);
        AxiLiteMaster m = new AxiLiteMaster("s_axil");
        tb.add(m).add((Agent) (s, c) -> { // before each edge, with the master's inputs settled
            s.eval();
            if (s.port("start").get() != 0) {
                starts.add(new long[] {s.port("prog_addr").get(), s.port("prog_count").get()});
            }
        });
        return new Master(tb, m);
    }

    /** One access at a time, each within {@value #LIMIT} cycles. */
    private record Master(Testbench tb, AxiLiteMaster m) {
        int write(long addr, long data) {
            return m.write(tb, addr, data, LIMIT);
        }

        int write(long addr, long data, int strb) {
            return m.write(tb, addr, data, strb, LIMIT);
        }

        AxiLiteMaster.Response read(long addr) {
            return m.read(tb, addr, LIMIT);
        }

        void idle(int n) {
            tb.run(n);
        }
    }

    @Test
    void programRegistersReadBackAndCtrlPulsesStartOnce() {
        try (Sim sim = CircuitSim.open(ControlSlave.elaborate(ControlSlave.Params.defaults()))) {
            Master m = master(sim);
            assertEquals(Axi4.OKAY, m.write(0x04, 0x89AB_CDEFL));
            assertEquals(Axi4.OKAY, m.write(0x08, 0xFFFF_1234L));
            assertEquals(Axi4.OKAY, m.write(0x0C, 300));
            assertEquals(new AxiLiteMaster.Response(0x89AB_CDEFL, Axi4.OKAY), m.read(0x04));
            assertEquals(new AxiLiteMaster.Response(0x1234, Axi4.OKAY), m.read(0x08), "PROG_ADDR_HI keeps bits 15..0");
            assertEquals(new AxiLiteMaster.Response(300, Axi4.OKAY), m.read(0x0C));
            assertEquals(Axi4.OKAY, m.write(0x0C, 0xAA_BB00L, 0x2), "a write of byte 1 only");
            assertEquals(new AxiLiteMaster.Response(0xBB2CL, Axi4.OKAY), m.read(0x0C), "strobes select bytes (300 = 0x12C)");
            assertEquals(0, starts.size());
            assertEquals(Axi4.OKAY, m.write(0x00, 0));
            assertEquals(Axi4.OKAY, m.write(0x00, 1, 0x2));
            assertEquals(0, starts.size(), "CTRL without bit 0 (or its strobe) starts nothing");
            assertEquals(Axi4.OKAY, m.write(0x00, 1));
            m.idle(10);
            assertEquals(1, starts.size(), "one start pulse per write of 1");
            assertEquals(0x1234_89AB_CDEFL, starts.get(0)[0]);
            assertEquals(0xBB2C, starts.get(0)[1]);
            assertEquals(new AxiLiteMaster.Response(0, Axi4.OKAY), m.read(0x00), "CTRL reads 0");
        }
    }

    @Test
    void statusAndEveryCounterReadWhatTheInputsSay() {
        ControlSlave.Params p = ControlSlave.Params.defaults();
        try (Sim sim = CircuitSim.open(ControlSlave.elaborate(p))) {
            Master m = master(sim);
            SplittableRandom rng = new SplittableRandom(3);
            for (int round = 0; round < 8; round++) {
                long status = 0;
                String[] bits = {"busy", "done", "deadlock", "unsupported", "dma_error"};
                for (int b = 0; b < bits.length; b++) {
                    long v = rng.nextInt(2);
                    sim.port("st_" + bits[b]).set(v);
                    status |= v << b;
                }
                long err = rng.nextInt(4);
                long fetchErr = rng.nextInt(16);
                long index = rng.nextLong() >>> 32;
                sim.port("st_error").set(err);
                sim.port("st_fetch_error").set(fetchErr);
                sim.port("st_error_index").set(index);
                status |= err << 8 | fetchErr << 12;
                List<Long> regs = new ArrayList<>();
                for (ControlSlave.Counter c : p.counters()) {
                    long v = rng.nextLong() >>> (64 - c.bits());
                    sim.port("cnt_" + c.name()).set(v);
                    regs.add(v & 0xFFFF_FFFFL);
                    if (c.registers() == 2) {
                        regs.add(v >>> 32);
                    }
                }
                assertEquals(Axi4.OKAY, m.write(0x10, 0xFFFF_FFFFL), "a write to STATUS is taken and ignored");
                assertEquals(new AxiLiteMaster.Response(status, Axi4.OKAY), m.read(0x10), "STATUS");
                assertEquals(new AxiLiteMaster.Response(index, Axi4.OKAY), m.read(0x14), "ERROR_INDEX");
                assertEquals(new AxiLiteMaster.Response(ControlSlave.ID, Axi4.OKAY), m.read(0x18), "ID");
                assertEquals(new AxiLiteMaster.Response(regs.size(), Axi4.OKAY), m.read(0x1C), "COUNTERS");
                for (int i = 0; i < regs.size(); i++) {
                    assertEquals(new AxiLiteMaster.Response(regs.get(i), Axi4.OKAY), m.read(ControlSlave.COUNTER_BASE + 4L * i),
                            "counter register " + i);
                }
            }
        }
    }

    @Test
    void anAddressPastTheMapAnswersSlverrAndTheSlaveKeepsAnswering() {
        ControlSlave.Params p = ControlSlave.Params.defaults();
        int regs = p.registers().size();
        try (Sim sim = CircuitSim.open(ControlSlave.elaborate(p))) {
            Master m = master(sim);
            for (long addr : new long[] {4L * regs, 0xFFC, 0x800}) {
                assertEquals(new AxiLiteMaster.Response(0, Axi4.SLVERR), m.read(addr), "read of 0x" + Long.toHexString(addr));
                assertEquals(Axi4.SLVERR, m.write(addr, 1), "write to 0x" + Long.toHexString(addr));
            }
            assertEquals(new AxiLiteMaster.Response(ControlSlave.ID, Axi4.OKAY), m.read(0x18));
            assertEquals(0, starts.size(), "no write past the map starts anything");
        }
    }
}
