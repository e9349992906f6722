package sohu.verilator.examples;

import java.util.Random;
import org.junit.jupiter.api.Test;
import sohu.hdl.Elaborator;
import sohu.hdl.examples.DualPortRam;
import sohu.verilator.CircuitSim;
import sohu.verilator.Sim;

/** The 1R1W memory with initial contents under random reads and writes (read-before-write on collisions). */
class RamSimTest {
    @Test
    void readsWhatWasWrittenAndTheInitialContents() {
        int depth = 16;
        int width = 32;
        try (Sim sim = CircuitSim.open(Elaborator.elaborate(DualPortRam.class, new DualPortRam.Params(width, depth, true)))) {
            long[] model = new long[depth];
            for (int i = 0; i < depth; i++) {
                model[i] = i * 3L;
            }
            Sim.Port we = sim.port("we");
            Sim.Port waddr = sim.port("waddr");
            Sim.Port wdata = sim.port("wdata");
            Sim.Port re = sim.port("re");
            Sim.Port raddr = sim.port("raddr");
            Sim.Port rdata = sim.port("rdata");
            // First pass reads every initial word.
            for (int i = 0; i < depth; i++) {
                re.set(1);
                raddr.set(i);
                sim.step();
                sim.expect(rdata, model[i]);
            }
            Random rnd = new Random(3);
            long lastRead = model[depth - 1];
            for (int i = 0; i < 20_000; i++) {
                boolean w = rnd.nextBoolean();
                boolean r = rnd.nextInt(4) != 0;
                int wa = rnd.nextInt(depth);
                int ra = rnd.nextInt(depth);
                long wd = rnd.nextLong() & 0xFFFF_FFFFL;
                we.set(w ? 1 : 0);
                waddr.set(wa);
                wdata.set(wd);
                re.set(r ? 1 : 0);
                raddr.set(ra);
                sim.step();
                if (r) {
                    lastRead = model[ra];
                }
                if (w) {
                    model[wa] = wd;
                }
                sim.expect(rdata, lastRead);
            }
        }
    }
}
