package sohu.verilator.examples;

import java.util.ArrayDeque;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sohu.hdl.Elaborator;
import sohu.hdl.examples.SerialTransmitter;
import sohu.hdl.examples.SinglePortRam;
import sohu.verilator.CircuitSim;
import sohu.verilator.Sim;

/** The enum/switch state machine (async reset) and the 1RW memory, against Java models. */
class FsmAndSinglePortRamSimTest {
    @Test
    void transmitterSendsEachFrameAndItsParity() {
        try (Sim sim = CircuitSim.open(Elaborator.elaborate(SerialTransmitter.class))) {
            sim.reset(1);
            Random rnd = new Random(21);
            ArrayDeque<Long> expected = new ArrayDeque<>();
            int frames = 0;
            for (int i = 0; i < 20_000; i++) {
                boolean offer = rnd.nextInt(3) == 0;
                long[] bytes = {rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256)};
                sim.poke("frame_valid", offer ? 1 : 0);
                for (int k = 0; k < 4; k++) {
                    sim.poke("frame_bytes_" + k, bytes[k]);
                }
                sim.eval();
                boolean accepted = offer && sim.peek("busy") == 0;
                if (sim.peek("out_valid") == 1) {
                    if (expected.isEmpty()) {
                        throw sim.failure("byte sent with no frame pending");
                    }
                    sim.expect(sim.port("out_byte"), expected.pollFirst());
                }
                if (accepted) {
                    frames++;
                    for (int k = 3; k >= 0; k--) {
                        expected.addLast(bytes[k]);
                    }
                    expected.addLast(bytes[0] ^ bytes[1] ^ bytes[2] ^ bytes[3]);
                }
                sim.step();
            }
            if (frames < 1000) {
                throw new AssertionError("too few frames: " + frames);
            }
        }
    }

    @Test
    void singlePortRamReadsOldDataAndWrites() {
        int depth = 64;
        try (Sim sim = CircuitSim.open(Elaborator.elaborate(SinglePortRam.class, new SinglePortRam.Params(16, depth)))) {
            long[] model = new long[depth];
            Random rnd = new Random(23);
            for (int i = 0; i < depth; i++) {
                sim.poke("en", 1);
                sim.poke("we", 1);
                sim.poke("addr", i);
                sim.poke("wdata", i);
                sim.step();
                model[i] = i;
            }
            long last = -1;
            for (int i = 0; i < 20_000; i++) {
                boolean en = rnd.nextInt(5) != 0;
                boolean we = rnd.nextBoolean();
                int addr = rnd.nextInt(depth);
                long data = rnd.nextInt(1 << 16);
                sim.poke("en", en ? 1 : 0);
                sim.poke("we", we ? 1 : 0);
                sim.poke("addr", addr);
                sim.poke("wdata", data);
                sim.step();
                if (en) {
                    last = model[addr];
                    if (we) {
                        model[addr] = data;
                    }
                }
                if (last >= 0) {
                    sim.expect(sim.port("rdata"), last);
                }
            }
        }
    }
}
