package sohu.verilator.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.Bundle;
import static sohu.hdl.Types.Stream;
import static sohu.hdl.Types.UInt;
import static sohu.hdl.Types.Vec;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sohu.hdl.Bool;
import sohu.hdl.Bundle;
import sohu.hdl.Elaborator;
import sohu.hdl.Hw;
import sohu.hdl.HwType;
import sohu.hdl.Module;
import sohu.hdl.Stream;
import sohu.hdl.TypedMem;
import sohu.hdl.UInt;
import sohu.hdl.Vec;
import sohu.hdl.lib.Streams;
import sohu.verilator.CircuitSim;
import sohu.verilator.Sim;

/** The stream library over bundle payloads and a byte-masked memory of bundle words, in Verilator against models. */
class StreamLibSimTest {
    static final HwType.BundleType AB = Bundle("a", UInt(8), "b", UInt(4));
    static final HwType.BundleType WORD = Bundle("hi", UInt(8), "lo", UInt(8));

    /** Queue, skid buffer and fork in a row; an arbiter, a demux and a join; a masked memory. */
    public static final class Lib extends Module {
        /** Builds it. */
        public Lib() {
            Stream<Bundle> in = input("in", Stream(AB));
            Vec<Stream<Bundle>> forked = Streams.fork("f", Streams.skid("s", Streams.queue("q", in, 4)), 2);
            output("out0", Stream(AB)).set(forked.get(0));
            output("out1", Stream(AB)).set(forked.get(1));

            List<Stream<UInt>> xs = List.of(input("x0", Stream(UInt(8))), input("x1", Stream(UInt(8))));
            output("arb", Stream(UInt(8))).set(Streams.arbiter("arbiter", xs));

            Vec<Stream<UInt>> ds = Streams.demux("dm", input("d", Stream(UInt(8))), input("dsel", UInt(1)), 2);
            output("d0", Stream(UInt(8))).set(ds.get(0));
            output("d1", Stream(UInt(8))).set(ds.get(1));

            List<Stream<UInt>> js = List.of(input("j0", Stream(UInt(8))), input("j1", Stream(UInt(8))));
            output("jo", Stream(Vec(UInt(8), 2))).set(Streams.join("joined", js));

            TypedMem<Bundle> mem = mem("m", WORD, 16);
            Bool we = input("we", Bool());
            UInt waddr = input("waddr", UInt(4));
            UInt wdata = input("wdata", UInt(16));
            UInt mask = input("mask", UInt(2));
            when(we, () -> mem.write(waddr, Hw.unpack(WORD, wdata), mask));
            output("rdata", WORD).set(mem.read(input("raddr", UInt(4))));
        }
    }

    @Test
    void streamBlocksAndTheMaskedMemoryMatchTheirModels() {
        try (Sim sim = CircuitSim.open(Elaborator.elaborate(Lib.class))) {
            sim.reset(2);
            Random rnd = new Random(21);
            List<long[]> sent = new ArrayList<>();
            int next = 0;
            int seen = 0;
            int[] mem = new int[16];
            for (int cycle = 0; cycle < 5000; cycle++) {
                boolean valid = rnd.nextBoolean();
                long a = rnd.nextInt(256);
                long b = rnd.nextInt(16);
                boolean r0 = rnd.nextInt(4) != 0;
                boolean r1 = rnd.nextInt(4) != 0;
                sim.poke("in_valid", valid ? 1 : 0);
                sim.poke("in_payload_a", a);
                sim.poke("in_payload_b", b);
                sim.poke("out0_ready", r0 ? 1 : 0);
                sim.poke("out1_ready", r1 ? 1 : 0);
                int v0 = rnd.nextInt(2);
                int v1 = rnd.nextInt(2);
                int ar = rnd.nextInt(2);
                sim.poke("x0_valid", v0);
                sim.poke("x1_valid", v1);
                sim.poke("x0_payload", 10);
                sim.poke("x1_payload", 20);
                sim.poke("arb_ready", ar);
                int dv = rnd.nextInt(2);
                int dsel = rnd.nextInt(2);
                int[] dr = {rnd.nextInt(2), rnd.nextInt(2)};
                sim.poke("d_valid", dv);
                sim.poke("d_payload", 77);
                sim.poke("dsel", dsel);
                sim.poke("d0_ready", dr[0]);
                sim.poke("d1_ready", dr[1]);
                int jv0 = rnd.nextInt(2);
                int jv1 = rnd.nextInt(2);
                int jr = rnd.nextInt(2);
                sim.poke("j0_valid", jv0);
                sim.poke("j1_valid", jv1);
                sim.poke("j0_payload", 5);
                sim.poke("j1_payload", 6);
                sim.poke("jo_ready", jr);
                int we = rnd.nextInt(2);
                int waddr = rnd.nextInt(16);
                int wdata = rnd.nextInt(1 << 16);
                int mask = rnd.nextInt(4);
                int raddr = rnd.nextInt(16);
                sim.poke("we", we);
                sim.poke("waddr", waddr);
                sim.poke("wdata", wdata);
                sim.poke("mask", mask);
                sim.poke("raddr", raddr);
                sim.eval();

                boolean fire0 = r0 && sim.peek("out0_valid") == 1;
                assertEquals(fire0, r1 && sim.peek("out1_valid") == 1, "a fork moves to both consumers at once");
                if (fire0) {
                    long[] want = sent.get(seen++);
                    assertEquals(want[0], sim.peek("out0_payload_a"));
                    assertEquals(want[1], sim.peek("out0_payload_b"));
                    assertEquals(want[0], sim.peek("out1_payload_a"));
                }
                if (valid && sim.peek("in_ready") == 1) {
                    sent.add(new long[] {a, b});
                    next++;
                }
                assertEquals(v0 | v1, sim.peek("arb_valid"));
                if (v0 == 1) {
                    assertEquals(10, sim.peek("arb_payload"), "input 0 has priority");
                    assertEquals(0, sim.peek("x1_ready"));
                    assertEquals(ar, sim.peek("x0_ready"));
                } else if (v1 == 1) {
                    assertEquals(20, sim.peek("arb_payload"));
                    assertEquals(ar, sim.peek("x1_ready"));
                }
                assertEquals(dsel == 0 ? dv : 0, sim.peek("d0_valid"));
                assertEquals(dsel == 1 ? dv : 0, sim.peek("d1_valid"));
                assertEquals(dr[dsel], sim.peek("d_ready"));
                assertEquals(jv0 & jv1, sim.peek("jo_valid"));
                assertEquals(jr & jv0 & jv1, sim.peek("j0_ready"));
                assertEquals(5, sim.peek("jo_payload_0"));
                assertEquals(6, sim.peek("jo_payload_1"));

                sim.step();
                assertEquals(mem[raddr] >> 8, sim.peek("rdata_hi"), "read of word " + raddr);
                assertEquals(mem[raddr] & 0xFF, sim.peek("rdata_lo"));
                if (we == 1) {
                    int keep = ((mask & 2) != 0 ? 0 : 0xFF00) | ((mask & 1) != 0 ? 0 : 0xFF);
                    mem[waddr] = (mem[waddr] & keep) | (wdata & ~keep & 0xFFFF);
                }
            }
            assertTrue(seen > 1000 && next - seen <= 8, "beats through the fork: " + seen + " of " + next);
        }
    }
}
