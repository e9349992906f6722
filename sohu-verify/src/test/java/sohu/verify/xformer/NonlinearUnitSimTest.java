package sohu.verify.xformer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import java.util.function.IntUnaryOperator;
import sohu.core.xformer.Exp;
import sohu.core.xformer.Reciprocal;
import sohu.core.xformer.Rsqrt;
import sohu.core.xformer.Silu;
import sohu.core.xformer.SwiGlu;
import sohu.core.xformer.rtl.ExpUnit;
import sohu.core.xformer.rtl.ReciprocalUnit;
import sohu.core.xformer.rtl.RsqrtUnit;
import sohu.core.xformer.rtl.SiluUnit;
import sohu.verilator.CircuitSim;
import sohu.verilator.Sim;
import sohu.hdl.Elaborator;
import sohu.hdl.Module;

/**
 * The nonlinear lanes in Verilator against their golden models, bit for bit: the edge cases of
 * {@link LaneInputs#edges()} and random inputs (50 000 per unit, 25 000 per SiLU mode; 10 million with
 * {@code -Dsohu.long=true}).
 */
class NonlinearUnitSimTest {
    static final boolean LONG = Boolean.getBoolean("sohu.long");

    @Test
    void exp() {
        run(ExpUnit.class, ExpUnit.LATENCY, Exp::exp, 110);
    }

    @Test
    void reciprocal() {
        run(ReciprocalUnit.class, ReciprocalUnit.LATENCY, Reciprocal::reciprocal, 1e6);
    }

    @Test
    void rsqrt() {
        run(RsqrtUnit.class, RsqrtUnit.LATENCY, Rsqrt::rsqrt, 1e6);
    }

    @Test
    void siluAndSwiglu() {
        SplittableRandom r = new SplittableRandom(9);
        int n = LONG ? 10_000_000 : 25_000;
        try (Sim sim = CircuitSim.open(Elaborator.elaborate(SiluUnit.class), LaneHarness.OPTIONS)) {
            for (boolean swiglu : new boolean[] {false, true}) {
                sim.poke("swiglu", swiglu ? 1 : 0);
                try (LaneHarness h = new LaneHarness(sim, SiluUnit.LATENCY, "in", "up",
                        swiglu ? SwiGlu::swiglu : (x, y) -> Silu.silu(x))) {
                    for (int x : LaneInputs.edges()) {
                        h.op(x, LaneInputs.random(r, 4));
                    }
                    for (int i = 0; i < n; i++) {
                        h.op(LaneInputs.random(r, 130), LaneInputs.random(r, 4));
                    }
                    h.drain();
                }
            }
        }
    }

    private static void run(Class<? extends Module> unit, int latency, IntUnaryOperator golden, double span) {
        try (LaneHarness h = new LaneHarness(Elaborator.elaborate(unit), latency, "in", null,
                (x, y) -> golden.applyAsInt(x))) {
            for (int x : LaneInputs.edges()) {
                h.op(x, 0);
            }
            SplittableRandom r = new SplittableRandom(7);
            int n = LONG ? 10_000_000 : 50_000;
            for (int i = 0; i < n; i++) {
                h.op(LaneInputs.random(r, span), 0);
            }
            h.drain();
            assertTrue(h.ops() > n);
        }
    }
}
