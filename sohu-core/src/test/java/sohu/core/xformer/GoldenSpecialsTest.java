package sohu.core.xformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Special values of the nonlinear golden models, against IEEE 754 / the limits. */
class GoldenSpecialsTest {
    private static int f(float v) {
        return Float.floatToRawIntBits(v);
    }

    @Test
    void exp() {
        assertEquals(Fp32.ONE, Exp.exp(0));
        assertEquals(Fp32.ONE, Exp.exp(Fp32.NEG_ZERO));
        assertEquals(Fp32.POS_INF, Exp.exp(Fp32.POS_INF));
        assertEquals(0, Exp.exp(Fp32.NEG_INF));
        assertEquals(Fp32.NAN, Exp.exp(0x7FA00001));
        assertEquals(Fp32.POS_INF, Exp.exp(f(89f)));
        assertEquals(0, Exp.exp(f(-104f)));
        assertEquals(f((float) StrictMath.exp(1.0)), Exp.exp(f(1f)));
        int tiny = Exp.exp(f(-103f)); // subnormal result
        assertTrue(tiny > 0 && tiny < 0x00800000, Integer.toHexString(tiny));
        assertTrue(UlpError.of(tiny, StrictMath.exp(-103.0)) <= 1);
    }

    @Test
    void reciprocalAndRsqrt() {
        assertEquals(Fp32.POS_INF, Reciprocal.reciprocal(0));
        assertEquals(Fp32.NEG_INF, Reciprocal.reciprocal(Fp32.NEG_ZERO));
        assertEquals(Fp32.NEG_ZERO, Reciprocal.reciprocal(Fp32.NEG_INF));
        assertEquals(f(-0.25f), Reciprocal.reciprocal(f(-4f)));
        assertEquals(Fp32.POS_INF, Reciprocal.reciprocal(1)); // 1/2^-149 overflows
        assertEquals(f(0.5f), Rsqrt.rsqrt(f(4f)));
        assertEquals(Fp32.NAN, Rsqrt.rsqrt(f(-4f)));
        assertEquals(Fp32.NAN, Rsqrt.rsqrt(Fp32.NEG_INF));
        assertEquals(Fp32.NEG_INF, Rsqrt.rsqrt(Fp32.NEG_ZERO));
        assertEquals(0, Rsqrt.rsqrt(Fp32.POS_INF));
        assertEquals(f((float) (1 / StrictMath.sqrt(0x1p-149))), Rsqrt.rsqrt(1));
    }

    @Test
    void siluAndSwiglu() {
        assertEquals(0, Silu.silu(0));
        assertEquals(Fp32.NEG_ZERO, Silu.silu(Fp32.NEG_INF));
        assertEquals(Fp32.POS_INF, Silu.silu(Fp32.POS_INF));
        assertEquals(Fp32.NAN, Silu.silu(Fp32.NAN));
        assertEquals(f(100f), Silu.silu(f(100f)));
        assertTrue(UlpError.of(SwiGlu.swiglu(f(1.5f), f(2f)), 2 * 1.5 / (1 + StrictMath.exp(-1.5))) <= 4);
    }

    @Test
    void expSizingRule() {
        // 128x128 array, head_dim 128: 32 scores per cycle.
        assertEquals(32, VectorConfig.minimumLanes(128, 128, 128));
        new VectorConfig(32, sohu.core.fp.FpFormat.BF16).checkExpThroughput(128, 128, 128);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new VectorConfig(16, sohu.core.fp.FpFormat.BF16).checkExpThroughput(128, 128, 128));
        assertTrue(e.getMessage().contains("--lanes 32"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new VectorConfig(12, sohu.core.fp.FpFormat.FP32));
    }
}
