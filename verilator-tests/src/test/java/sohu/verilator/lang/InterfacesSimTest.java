package sohu.verilator.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.Bundle;
import static sohu.hdl.Types.Flipped;
import static sohu.hdl.Types.Stream;
import static sohu.hdl.Types.UInt;
import static sohu.hdl.Types.Vec;

import java.util.Random;
import org.junit.jupiter.api.Test;
import sohu.hdl.Bool;
import sohu.hdl.Bundle;
import sohu.hdl.Elaborator;
import sohu.hdl.Hw;
import sohu.hdl.HwType;
import sohu.hdl.Module;
import sohu.hdl.Stream;
import sohu.hdl.UInt;
import sohu.hdl.Vec;
import sohu.hdl.ir.Circuit;
import sohu.hdl.ir.Port;
import sohu.verilator.CircuitSim;
import sohu.verilator.Sim;

/**
 * Bundles connected by name, flipped fields, whole interfaces connected to instances in
 * one statement through typed instance IO, pack/unpack, dynamic Vec writes and
 * per-field reset, each simulated in Verilator against a Java model.
 */
class InterfacesSimTest {
    /** A beat: an 8-bit value and a last flag. */
    static final HwType.BundleType BEAT = Bundle("data", UInt(8), "last", Bool());

    /** Adds {@code inc} to each beat's data, registered, with a one-entry pipeline and back-pressure. */
    public static final class AddStage extends Module {
        /** The stage's ports, reached from the parent as typed handles. */
        public final Stream<Bundle> in;
        /** The output stream. */
        public final Stream<Bundle> out;

        /** Builds it. */
        public AddStage(Integer inc) {
            name("AddStage_inc" + inc);
            in = input("in", Stream(BEAT));
            out = output("out", Stream(BEAT));
            Bool full = reg("full", Bool(), 0);
            Bundle held = reg("held", BEAT);
            in.ready().set(full.not().or(out.ready()));
            when(in.fire(), () -> {
                held.get("data").set(in.payload().uint("data").addWrap(inc));
                held.get("last").set(in.payload().bool("last"));
            });
            when(in.fire(), () -> full.set(true)).elseWhen(out.ready(), () -> full.set(false));
            out.valid().set(full);
            out.payload().set(held);
        }
    }

    /** Two stages chained; every interface connection is one statement. */
    public static final class Chain extends Module {
        /** Builds it. */
        public Chain() {
            Stream<Bundle> in = input("in", Stream(BEAT));
            Stream<Bundle> out = output("out", Stream(BEAT));
            var s0 = instance("s0", AddStage.class, 1);
            var s1 = instance("s1", AddStage.class, 2);
            s0.io(m -> m.in).set(in);
            s1.io(m -> m.in).set(s0.io(m -> m.out));
            out.set(s1.io(m -> m.out));
        }
    }

    @Test
    void streamsOfBundlesConnectInOneStatementAndFlowWithBackPressure() {
        Circuit c = Elaborator.elaborate(Chain.class);
        Port ready = c.topModule().port("in_ready");
        assertEquals(Port.Direction.OUTPUT, ready.dir(), "a received stream's ready is an output");
        try (Sim sim = CircuitSim.open(c)) {
            sim.reset(2);
            Random rnd = new Random(3);
            int sent = 0;
            int received = 0;
            for (int cycle = 0; cycle < 4000; cycle++) {
                boolean offer = rnd.nextBoolean();
                boolean take = rnd.nextInt(3) != 0;
                sim.poke("in_valid", offer ? 1 : 0);
                sim.poke("in_payload_data", sent & 0xFF);
                sim.poke("in_payload_last", sent % 5 == 4 ? 1 : 0);
                sim.poke("out_ready", take ? 1 : 0);
                sim.eval();
                if (take && sim.peek("out_valid") == 1) {
                    assertEquals((received + 3) & 0xFF, sim.peek("out_payload_data"), "beat " + received);
                    assertEquals(received % 5 == 4 ? 1 : 0, sim.peek("out_payload_last"), "last of beat " + received);
                    received++;
                }
                if (offer && sim.peek("in_ready") == 1) {
                    sent++;
                }
                sim.step();
            }
            assertEquals(true, received > 1000, "throughput: " + received);
            assertEquals(true, sent - received <= 4, "at most the two stages' entries in flight");
        }
    }

    /** A request/response interface in one type: {@code rsp} flows back. */
    static final HwType.BundleType BUS = Bundle("req", UInt(8), "rsp", Flipped(UInt(8)));

    /** Answers {@code req} with {@code req ^ 0x5A}. */
    public static final class Responder extends Module {
        /** The bus, as the slave sees it. */
        public final Bundle bus = input("bus", BUS);

        /** Builds it. */
        public Responder() {
            bus.get("rsp").set(bus.uint("req").xor(uint(0x5A, 8)));
        }
    }

    /** Bundles by name, a flipped interface to an instance, pack/unpack, dynamic Vec writes and per-field reset. */
    public static final class Mixed extends Module {
        /** Builds it. */
        public Mixed() {
            Bundle ab = input("ab", Bundle("a", UInt(8), "b", UInt(8)));
            output("ba", Bundle("b", UInt(8), "a", UInt(8))).set(ab);

            Bundle bus = wire("bus", BUS);
            var r = instance("r", Responder.class);
            r.io(m -> m.bus).set(bus); // req goes to the instance, rsp comes back
            bus.get("req").set(ab.uint("a"));
            output("rsp", UInt(8)).set(bus.uint("rsp"));

            output("flat", UInt(16)).set(ab.asUInt());
            output("swapped", Bundle("a", UInt(8), "b", UInt(8))).set(Hw.unpack(Bundle("a", UInt(8), "b", UInt(8)), ab.uint("b").cat(ab.uint("a"))));

            UInt widx = input("widx", UInt(2));
            UInt ridx = input("ridx", UInt(2));
            Bool we = input("we", Bool());
            Vec<Bundle> file = reg("file", Vec(Bundle("hi", UInt(4), "lo", UInt(4)), 4), 0x12345678L);
            when(we, () -> file.get(widx).set(Hw.unpack(Bundle("hi", UInt(4), "lo", UInt(4)), ab.uint("a"))));
            output("rdata", UInt(8)).set(file.get(ridx).asUInt());
        }
    }

    @Test
    void bundlesFlippedInterfacesPackingAndDynamicWritesMatchTheModel() {
        try (Sim sim = CircuitSim.open(Elaborator.elaborate(Mixed.class))) {
            sim.reset(1);
            int[] model = {0x12, 0x34, 0x56, 0x78};
            for (int i = 0; i < 4; i++) {
                sim.poke("ridx", i);
                sim.eval();
                assertEquals(model[i], sim.peek("rdata"), "reset value of element " + i);
            }
            Random rnd = new Random(5);
            for (int i = 0; i < 3000; i++) {
                int a = rnd.nextInt(256);
                int b = rnd.nextInt(256);
                int w = rnd.nextInt(4);
                int rd = rnd.nextInt(4);
                boolean we = rnd.nextBoolean();
                sim.poke("ab_a", a);
                sim.poke("ab_b", b);
                sim.poke("widx", w);
                sim.poke("ridx", rd);
                sim.poke("we", we ? 1 : 0);
                sim.eval();
                assertEquals(a, sim.peek("ba_a"));
                assertEquals(b, sim.peek("ba_b"));
                assertEquals(a ^ 0x5A, sim.peek("rsp"), "the flipped field comes back from the instance");
                assertEquals(a << 8 | b, sim.peek("flat"), "the first field is the most significant");
                assertEquals(b, sim.peek("swapped_a"));
                assertEquals(a, sim.peek("swapped_b"));
                assertEquals(model[rd], sim.peek("rdata"));
                sim.step();
                if (we) {
                    model[w] = a;
                }
            }
        }
    }
}
