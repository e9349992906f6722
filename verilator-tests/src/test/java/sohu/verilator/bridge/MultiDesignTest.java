package sohu.verilator.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import sohu.verilator.Sim;

/** Several libraries (two with the same top name) and several instances live in one JVM. */
class MultiDesignTest {

    @Test
    void differentDesignsAndInstancesAreIndependent() {
        try (Sim c1 = Sim.open(Designs.counter());
             Sim c3 = Sim.open(Designs.counterBy3());
             Sim c1b = Sim.open(Designs.counter());
             Sim add = Sim.open(Designs.adder100())) {
            assertNotEquals(c1.build().library(), c3.build().library());
            assertEquals(c1.build().library(), c1b.build().library());
            for (Sim s : new Sim[] {c1, c3, c1b}) {
                s.reset(1);
                s.poke("en", 1);
            }
            c1.step(10);
            c3.step(10);
            c1b.step(4);
            add.poke("a", BigInteger.TWO);
            add.poke("b", BigInteger.TEN);
            add.step();
            assertEquals(10, c1.peek("count"));
            assertEquals(30, c3.peek("count"));
            assertEquals(4, c1b.peek("count"));
            assertEquals(BigInteger.valueOf(12), add.peekBig("sum"));
            assertEquals(11, c1.cycle());
            assertEquals(5, c1b.cycle());
        }
    }
}
