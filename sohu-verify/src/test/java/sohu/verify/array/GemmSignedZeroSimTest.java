package sohu.verify.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import sohu.core.array.ArrayConfig;
import sohu.core.array.EngineStatus;
import sohu.core.array.GemmCommand;
import sohu.core.fp.FpFormat;

/**
 * The Verilated engine against the plain sequential order {@code acc = Math.fma(a_k, w_k, acc)},
 * {@code k = 0 .. K-1} (Java's float FMA on the widened operands, no golden model involved), bit
 * for bit, on inputs made to produce -0 sums: the existing C is often -0 and the operands are
 * mostly zeros of either sign, and no K is a multiple of R. Padding K with +0 products would turn
 * those sums into +0; the engine pads with -0 products, which change no sum.
 */
class GemmSignedZeroSimTest {
    private static final int NEG_ZERO = 0x8000_0000;

    @Test
    void paddedKKeepsTheSignOfZeroSums() {
        // The configuration of a GemmSimTest build, so a run of both builds it once.
        ArrayConfig cfg = ArrayConfig.of(4, 8, FpFormat.BF16).withLatency(4).withDepth(1024);
        FpFormat f = cfg.format();
        Random rnd = new Random(15);
        int negativeZeros = 0;
        try (EngineDriver d = EngineDriver.open(cfg)) {
            for (int k : new int[] {1, 3, 6, 11}) {
                int m = 9;
                int n = 10;
                GemmCommand cmd = GemmCommand.packed(cfg, m, k, n, true);
                // Mostly negative A, positive W and negative C: most products and sums are -0.
                int[][] a = zerosMostly(rnd, f, m, k, 0.9);
                int[][] w = zerosMostly(rnd, f, k, n, 0.1);
                int[][] c0 = zerosMostly(rnd, FpFormat.FP32, m, n, 0.75);
                d.loadA(cmd, a);
                d.loadW(cmd, w);
                d.loadC(cmd, c0);
                assertEquals(EngineStatus.OK, d.run(cmd, 100_000).status(), cmd.toString());
                int[][] got = d.readC(cmd);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        float acc = Float.intBitsToFloat(c0[i][j]);
                        for (int kk = 0; kk < k; kk++) {
                            acc = Math.fma((float) f.toDouble(a[i][kk]), (float) f.toDouble(w[kk][j]), acc);
                        }
                        int want = Float.floatToRawIntBits(acc);
                        if (want != got[i][j]) {
                            throw new AssertionError(String.format("K=%d C[%d][%d]: plain order gives %08x, engine %08x",
                                    k, i, j, want, got[i][j]));
                        }
                        negativeZeros += want == NEG_ZERO ? 1 : 0;
                    }
                }
            }
        }
        assertTrue(negativeZeros >= 20, "the inputs gave only " + negativeZeros + " -0 results");
    }

    /**
     * Elements that are zeros 15 times in 16, else 1 or 1.5 (so every sum is exact), negative with
     * probability {@code negative}.
     */
    private static int[][] zerosMostly(Random rnd, FpFormat f, int rows, int cols, double negative) {
        int[][] x = new int[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int sign = rnd.nextDouble() < negative ? f.signMask() : 0;
                x[i][j] = sign | (rnd.nextInt(16) == 0 ? f.encode(rnd.nextBoolean() ? 1.0 : 1.5) : 0);
            }
        }
        return x;
    }
}
