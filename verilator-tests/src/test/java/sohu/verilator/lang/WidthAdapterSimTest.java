package sohu.verilator.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sohu.hdl.Types.Stream;
import static sohu.hdl.Types.UInt;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sohu.hdl.Elaborator;
import sohu.hdl.Module;
import sohu.hdl.lib.Streams;
import sohu.verilator.CircuitSim;
import sohu.verilator.Sim;

/** Stream width adapters (8 to 32 bits and back), in Verilator against a model of the byte order. */
class WidthAdapterSimTest {
    /** A widener and a narrower side by side. */
    public static final class Adapters extends Module {
        /** Builds it. */
        public Adapters() {
            output("wide", Stream(UInt(32))).set(Streams.widen("up", input("bytes", Stream(UInt(8))), 4));
            output("narrow", Stream(UInt(8))).set(Streams.narrow("down", input("words", Stream(UInt(32))), 4));
        }
    }

    @Test
    void bytesGatherIntoWordsAndWordsSplitIntoBytesLeastSignificantFirst() {
        try (Sim sim = CircuitSim.open(Elaborator.elaborate(Adapters.class))) {
            sim.reset(2);
            Random rnd = new Random(13);
            Deque<Long> bytesIn = new ArrayDeque<>();
            Deque<Long> bytesOut = new ArrayDeque<>();
            long nextByte = 0;
            long nextWord = 0x03020100L;
            int words = 0;
            int bytes = 0;
            for (int cycle = 0; cycle < 6000; cycle++) {
                boolean bv = rnd.nextBoolean();
                boolean wr = rnd.nextInt(3) != 0;
                boolean wv = rnd.nextInt(4) == 0;
                boolean nr = rnd.nextInt(3) != 0;
                sim.poke("bytes_valid", bv ? 1 : 0);
                sim.poke("bytes_payload", nextByte & 0xFF);
                sim.poke("wide_ready", wr ? 1 : 0);
                sim.poke("words_valid", wv ? 1 : 0);
                sim.poke("words_payload", nextWord);
                sim.poke("narrow_ready", nr ? 1 : 0);
                sim.eval();
                if (wr && sim.peek("wide_valid") == 1) {
                    long want = 0;
                    for (int k = 0; k < 4; k++) {
                        want |= bytesIn.removeFirst() << (8 * k);
                    }
                    assertEquals(want, sim.peek("wide_payload"), "word " + words++);
                }
                if (bv && sim.peek("bytes_ready") == 1) {
                    bytesIn.addLast(nextByte & 0xFF);
                    nextByte++;
                }
                if (nr && sim.peek("narrow_valid") == 1) {
                    assertEquals((long) bytesOut.removeFirst(), sim.peek("narrow_payload"), "byte " + bytes++);
                }
                if (wv && sim.peek("words_ready") == 1) {
                    for (int k = 0; k < 4; k++) {
                        bytesOut.addLast(nextWord >> (8 * k) & 0xFF);
                    }
                    nextWord = (nextWord + 0x04040404L) & 0xFFFFFFFFL;
                }
                sim.step();
            }
            assertTrue(words > 300 && bytes > 1000, "words " + words + ", bytes " + bytes);
        }
    }
}
