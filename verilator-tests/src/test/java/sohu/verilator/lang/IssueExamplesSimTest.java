package sohu.verilator.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sohu.hdl.Elaborator;
import sohu.hdl.examples.AxiLiteRegs;
import sohu.hdl.examples.MaxSum;
import sohu.hdl.examples.ScaleArray;
import sohu.verilator.CircuitSim;
import sohu.verilator.Sim;

/** The three designs of issue 9, in Verilator, against Java models. */
class IssueExamplesSimTest {
    @Test
    void maxSumReducesEveryPacketUnderRandomHandshakes() {
        try (Sim sim = CircuitSim.open(Elaborator.elaborate(MaxSum.class, new MaxSum.Params(16, 24)))) {
            sim.reset(2);
            Random rnd = new Random(11);
            List<long[]> expected = new ArrayList<>();
            long max = 0;
            long sum = 0;
            int results = 0;
            for (int cycle = 0; cycle < 20_000; cycle++) {
                long x = rnd.nextInt(1 << 16);
                boolean last = rnd.nextInt(6) == 0;
                boolean valid = rnd.nextInt(4) != 0;
                boolean ready = rnd.nextInt(3) != 0;
                sim.poke("in_valid", valid ? 1 : 0);
                sim.poke("in_payload_data", x);
                sim.poke("in_payload_last", last ? 1 : 0);
                sim.poke("out_ready", ready ? 1 : 0);
                sim.eval();
                if (ready && sim.peek("out_valid") == 1) {
                    long[] want = expected.get(results++);
                    assertEquals(want[0], sim.peek("out_payload_max"), "max of packet " + results);
                    assertEquals(want[1], sim.peek("out_payload_sum"), "sum of packet " + results);
                }
                if (valid && sim.peek("in_ready") == 1) {
                    max = Math.max(max, x);
                    sum = (sum + x) & 0xFFFFFF;
                    if (last) {
                        expected.add(new long[] {max, sum});
                        max = 0;
                        sum = 0;
                    }
                }
                sim.step();
            }
            assertTrue(results > 1000, "packets seen: " + results);
        }
    }

    @Test
    void scaleArrayUnitsMultiplyByTheirIndexPlusOne() {
        int n = 4;
        try (Sim sim = CircuitSim.open(Elaborator.elaborate(ScaleArray.class, new ScaleArray.Params(n, 8)),
                sohu.verilator.SimOptions.defaults().withClock("none"))) {
            Random rnd = new Random(4);
            for (int t = 0; t < 5000; t++) {
                int[] a = new int[n];
                int[] b = new int[n];
                for (int i = 0; i < n; i++) {
                    a[i] = rnd.nextInt(256);
                    b[i] = rnd.nextInt(256);
                    sim.poke("in_" + i + "_a", a[i]);
                    sim.poke("in_" + i + "_b", b[i]);
                }
                sim.eval();
                for (int i = 0; i < n; i++) {
                    assertEquals((long) a[i] * (i + 1) + b[i], sim.peek("out_" + i), "unit " + i);
                }
            }
        }
    }

    /** Drives the AXI4-Lite slave's ports one transaction at a time. */
    private static final class AxiLiteMaster {
        private final Sim sim;

        AxiLiteMaster(Sim sim) {
            this.sim = sim;
            for (String s : new String[] {"awvalid", "wvalid", "bready", "arvalid", "rready", "awprot", "arprot"}) {
                sim.poke("s_axi_" + s, 0);
            }
        }

        /** Writes and returns bresp; aw and w are presented together. */
        long write(long addr, long data, int strb) {
            sim.poke("s_axi_awaddr", addr);
            sim.poke("s_axi_wdata", data);
            sim.poke("s_axi_wstrb", strb);
            sim.poke("s_axi_awvalid", 1);
            sim.poke("s_axi_wvalid", 1);
            sim.poke("s_axi_bready", 1);
            int guard = 0;
            while (true) {
                sim.eval();
                boolean accepted = sim.peek("s_axi_awready") == 1 && sim.peek("s_axi_wready") == 1;
                sim.step();
                if (accepted) {
                    break;
                }
                assertTrue(++guard < 10, "AW/W never accepted");
            }
            sim.poke("s_axi_awvalid", 0);
            sim.poke("s_axi_wvalid", 0);
            sim.eval();
            assertEquals(1, sim.peek("s_axi_bvalid"), "write response the cycle after acceptance");
            long resp = sim.peek("s_axi_bresp");
            sim.step();
            sim.poke("s_axi_bready", 0);
            return resp;
        }

        /** Reads: {data, rresp}. */
        long[] read(long addr) {
            sim.poke("s_axi_araddr", addr);
            sim.poke("s_axi_arvalid", 1);
            sim.poke("s_axi_rready", 1);
            sim.eval();
            assertEquals(1, sim.peek("s_axi_arready"));
            sim.step();
            sim.poke("s_axi_arvalid", 0);
            sim.eval();
            assertEquals(1, sim.peek("s_axi_rvalid"));
            long[] out = {sim.peek("s_axi_rdata"), sim.peek("s_axi_rresp")};
            sim.step();
            sim.poke("s_axi_rready", 0);
            return out;
        }
    }

    @Test
    void axiLiteSlaveReadsAndWritesItsRegistersWithByteStrobes() {
        try (Sim sim = CircuitSim.open(AxiLiteRegs.elaborate())) {
            AxiLiteMaster m = new AxiLiteMaster(sim);
            sim.poke("status_value", 0x5EED);
            sim.reset(2);
            long[] model = {0, 1, 0x5EED, 0xCAFE};
            Random rnd = new Random(8);
            for (int t = 0; t < 400; t++) {
                int reg = rnd.nextInt(4);
                if (rnd.nextBoolean()) {
                    long data = rnd.nextLong() & 0xFFFFFFFFL;
                    int strb = rnd.nextInt(16);
                    assertEquals(0, m.write(reg * 4L, data, strb), "OKAY");
                    if (reg != 2) {
                        for (int k = 0; k < 4; k++) {
                            if ((strb >> k & 1) == 1) {
                                long lane = 0xFFL << (8 * k);
                                model[reg] = (model[reg] & ~lane) | (data & lane);
                            }
                        }
                    }
                } else {
                    long[] r = m.read(reg * 4L);
                    assertEquals(model[reg], r[0], "register " + reg);
                    assertEquals(0, r[1]);
                }
                assertEquals(model[0], sim.peek("ctrl_value"));
                assertEquals(model[1], sim.peek("scale_value"));
                assertEquals(model[3], sim.peek("data_value"));
            }
        }
    }

    @Test
    void anAccessPastTheLastRegisterAnswersSlverr() {
        var p = new sohu.hdl.lib.AxiLiteRegBank.Params("ThreeRegs", 4, List.of(
                sohu.hdl.lib.AxiLiteRegBank.Reg.rw("a", 7), sohu.hdl.lib.AxiLiteRegBank.Reg.rw("b", 0),
                new sohu.hdl.lib.AxiLiteRegBank.Reg("c", List.of(
                        new sohu.hdl.lib.AxiLiteRegBank.Field("lo", 0, 4, sohu.hdl.lib.AxiLiteRegBank.Access.RW, 3),
                        new sohu.hdl.lib.AxiLiteRegBank.Field("hi", 28, 4, sohu.hdl.lib.AxiLiteRegBank.Access.RO, 0)))));
        try (Sim sim = CircuitSim.open(Elaborator.elaborate(sohu.hdl.lib.AxiLiteRegBank.class, p))) {
            AxiLiteMaster m = new AxiLiteMaster(sim);
            sim.poke("c_hi", 0xA);
            sim.reset(2);
            assertEquals(2, m.write(0xC, 0xFFFFFFFFL, 0xF), "SLVERR for a write past the end");
            long[] r = m.read(0xC);
            assertEquals(2, r[1], "SLVERR for a read past the end");
            assertEquals(0, r[0]);
            assertEquals(0xA0000003L, m.read(0x8)[0], "fields at their bit positions, the rest zero");
            assertEquals(0, m.write(0x8, 0xFFFFFFFFL, 0x1));
            assertEquals(0xA000000FL, m.read(0x8)[0], "only the read-write field changes");
            assertEquals(7, m.read(0x0)[0]);
        }
    }
}
