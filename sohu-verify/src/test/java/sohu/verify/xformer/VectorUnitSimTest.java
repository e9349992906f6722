package sohu.verify.xformer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sohu.core.fp.FpFormat;
import sohu.core.xformer.VectorConfig;
import sohu.core.xformer.rtl.VectorUnit;

/**
 * The whole vector unit (2 lanes, 4 with {@code -Dsohu.long=true}; BF16 activations) in Verilator
 * against the golden models, bit for bit, through the checks of {@code sohu regress --blocks vector}
 * ({@link VectorChecks}): every opcode on rows longer than L and not a multiple of it, mixing
 * random values and edge cases; the three reductions; softmax rows (with and without the causal
 * mask, and entirely masked); RMSNorm; RoPE; converted writes; the counters under injected
 * stalls of both memory ports.
 */
class VectorUnitSimTest {
    private static final int LANES = Boolean.getBoolean("sohu.long") ? 4 : 2;
    private static VectorUnitDriver unit;
    private final SplittableRandom rnd = new SplittableRandom(21);

    @BeforeAll
    static void open() {
        unit = new VectorUnitDriver(new VectorUnit.Params(new VectorConfig(LANES, FpFormat.BF16), VectorChecks.DEPTH));
    }

    @AfterAll
    static void close() {
        unit.close();
    }

    @Test
    void everyOpcodeOnRowsLongerThanTheLanes() {
        long n = VectorChecks.opcodes(unit, rnd);
        assertEquals(14L * (1 + 6 * LANES + 1 + 8 * LANES), n);
    }

    @Test
    void reductions() {
        assertEquals(9, VectorChecks.reductions(unit, rnd));
    }

    @Test
    void softmaxRowsMaskedAndNot() {
        assertEquals(4L * (6 * LANES + 1 + 16 * LANES), VectorChecks.softmax(unit, FpFormat.BF16, rnd));
    }

    @Test
    void rmsNorm() {
        assertEquals(6 * LANES + 1 + 12 * LANES, VectorChecks.rmsNorm(unit, rnd));
    }

    @Test
    void ropeInFourInstructionsPerHead() {
        assertEquals(8 * LANES, VectorChecks.rope(unit, rnd));
    }

    @Test
    void convertedWrites() {
        assertEquals(LaneInputs.edges().size(), VectorChecks.convertedWrites(unit, FpFormat.BF16));
    }

    @Test
    void countersUnderInjectedStalls() {
        assertEquals(8L * (5 * LANES + 3), VectorChecks.counters(unit, FpFormat.BF16, rnd));
    }
}
