package sohu.verilator.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sohu.verilator.Sim;

class WidePortTest {
    private static final BigInteger MASK100 = BigInteger.ONE.shiftLeft(100).subtract(BigInteger.ONE);

    @Test
    void hundredBitAdderMatchesBigInteger() {
        try (Sim sim = Sim.open(Designs.adder100())) {
            Sim.Port a = sim.port("a");
            Sim.Port b = sim.port("b");
            Sim.Port sum = sim.port("sum");
            Sim.Port q = sim.port("q");
            Random rnd = new Random(7);
            for (int i = 0; i < 500; i++) {
                BigInteger x = i == 0 ? MASK100 : new BigInteger(100, rnd);
                BigInteger y = i == 0 ? MASK100 : new BigInteger(100, rnd);
                a.set(x);
                b.set(y);
                sim.eval();
                assertEquals(x.add(y), sum.getBig(), "comb sum " + i);
                sim.step();
                assertEquals(x.xor(y), q.getBig(), "registered xor " + i);
            }
        }
    }

    @Test
    void wordsLongsAndRangeChecks() {
        try (Sim sim = Sim.open(Designs.adder100())) {
            Sim.Port a = sim.port("a");
            a.setWords(new long[] {0x0123_4567_89ab_cdefL, 0xf_ffffL});
            long[] w = new long[2];
            a.getWords(w, 0);
            assertArrayEquals(new long[] {0x0123_4567_89ab_cdefL, 0xf_ffffL}, w);
            a.set(-1L); // sign-extends to all 100 bits
            assertEquals(MASK100, a.getBig());
            sim.poke("b", BigInteger.ONE);
            sim.eval();
            assertEquals(BigInteger.ONE.shiftLeft(100), sim.peekBig("sum"));
            assertThrows(IllegalArgumentException.class, () -> a.set(BigInteger.ONE.shiftLeft(100)));
            assertThrows(IllegalStateException.class, a::get); // wide: must use getBig
        }
    }
}
