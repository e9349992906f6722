package sohu.verify.fp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import sohu.core.fp.FpConvert;
import sohu.core.fp.FpFormat;
import sohu.core.fp.rtl.ConvertFp32Tile;
import sohu.hdl.Elaborator;
import sohu.verilator.CircuitSim;
import sohu.verilator.Sim;

/**
 * Every FP32 to BF16/FP16/E4M3/E5M2 converter, saturating and not, bit for bit against
 * {@link FpConvert#narrow}: for every FP32 exponent field and both signs, random mantissas and
 * every rounding edge of every target at that exponent (remainder zero, one, just below, at and
 * just above one half, all ones; kept bits zero, all ones or random, so carries into the exponent
 * and overflow happen); one input per cycle with random idle cycles, checked one cycle later.
 */
class ConvertSimTest {
    static final boolean LONG = Boolean.getBoolean("sohu.long");
    private static final List<ConvertFp32Tile.Params> ALL = ConvertSweep.ALL;

    @Test
    void everyExponentAndRoundingEdge() {
        SplittableRandom r = new SplittableRandom(11);
        int randomPerExponent = LONG ? 100_000 : 400;
        try (Sim sim = CircuitSim.open(Elaborator.elaborate(ConvertSweep.class), FmaHarness.OPTIONS)) {
            Checker check = new Checker(sim, r);
            for (int field = 0; field < 256; field++) {
                for (int sign = 0; sign < 2; sign++) {
                    int base = (sign << 31) | (field << 23);
                    for (int i = 0; i < randomPerExponent; i++) {
                        check.convert(base | (r.nextInt() & 0x7FFFFF));
                    }
                    for (FpFormat t : new FpFormat[] {FpFormat.BF16, FpFormat.FP16, FpFormat.E4M3, FpFormat.E5M2}) {
                        for (int m : edgeMantissas(t, field, r)) {
                            check.convert(base | m);
                        }
                    }
                }
            }
            check.drain();
            assertTrue(check.count > 256 * 2 * randomPerExponent, "ran " + check.count);
            System.out.printf("converters: %d inputs x %d converters%n", check.count, ALL.size());
        }
    }

    /** Mantissa fields at the rounding edges of {@code t} for FP32 exponent field {@code field}. */
    static int[] edgeMantissas(FpFormat t, int field, SplittableRandom r) {
        int exp = Math.max(field, 1) - 150;                 // weight of the FP32 LSB
        int resultExp = Math.max(exp + 23, t.minNormalExponent());
        int drop = Math.min(resultExp - t.mantissaBits() - exp, 23); // mantissa bits below the target LSB
        int half = 1 << (drop - 1);
        int[] lows = {0, 1, half - 1, half, half + 1, (1 << drop) - 1};
        int hiBits = 23 - drop;
        int hiMask = (1 << hiBits) - 1;
        int[] highs = {0, hiMask, r.nextInt() & hiMask & ~1, (r.nextInt() & hiMask) | 1};
        int[] out = new int[lows.length * highs.length];
        int n = 0;
        for (int hi : highs) {
            for (int lo : lows) {
                out[n++] = ((hi << drop) | lo) & 0x7FFFFF;
            }
        }
        return out;
    }

    /** Feeds one input per cycle (with idle cycles) and checks every converter one cycle later. */
    private static final class Checker {
        private final Sim sim;
        private final SplittableRandom idle;
        private final Sim.Port inValid;
        private final Sim.Port in;
        private final Sim.Port[] outValid = new Sim.Port[ALL.size()];
        private final Sim.Port[] out = new Sim.Port[ALL.size()];
        long count;

        Checker(Sim sim, SplittableRandom idle) {
            this.sim = sim;
            this.idle = idle;
            inValid = sim.port("in_valid");
            in = sim.port("in");
            for (int i = 0; i < ALL.size(); i++) {
                outValid[i] = sim.port("out_valid_" + ALL.get(i).moduleName());
                out[i] = sim.port("out_" + ALL.get(i).moduleName());
            }
            sim.reset(2);
        }

        void convert(int x) {
            while (idle.nextInt(8) == 0) {
                cycle(false, idle.nextInt());
            }
            cycle(true, x);
            count++;
        }

        void drain() {
            cycle(false, 0);
        }

        private void cycle(boolean valid, int x) {
            inValid.set(valid ? 1 : 0);
            in.set(x & 0xFFFFFFFFL);
            sim.step();
            for (int i = 0; i < ALL.size(); i++) {
                ConvertFp32Tile.Params p = ALL.get(i);
                if ((outValid[i].get() != 0) != valid) {
                    throw sim.failure(p.moduleName() + ": out_valid wrong for input 0x" + Integer.toHexString(x));
                }
                if (valid) {
                    int want = FpConvert.narrow(x, p.target(), p.saturation());
                    int got = (int) out[i].get();
                    if (got != want) {
                        throw sim.failure(String.format("%s: in=0x%08X expected 0x%X, RTL gave 0x%X",
                                p.moduleName(), x, want, got));
                    }
                }
            }
        }
    }
}
