package sohu.verilator.xformer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import sohu.core.xformer.Exp;
import sohu.core.xformer.rtl.ExpUnit;
import sohu.hdl.Elaborator;

/** The exp lane in Verilator against {@link Exp#exp(int)}, bit for bit. */
class ExpUnitSimTest {
    static final boolean LONG = Boolean.getBoolean("sohu.long");

    @Test
    void edgeCasesAndRandomInputs() {
        try (LaneHarness h = new LaneHarness(Elaborator.elaborate(ExpUnit.class), ExpUnit.LATENCY, "in", null,
                (x, y) -> Exp.exp(x))) {
            for (int x : LaneInputs.edges()) {
                h.op(x, 0);
            }
            SplittableRandom r = new SplittableRandom(7);
            int n = LONG ? 10_000_000 : 200_000;
            for (int i = 0; i < n; i++) {
                h.op(LaneInputs.random(r, 110), 0);
            }
            h.drain();
            assertTrue(h.ops() > n);
        }
    }
}
