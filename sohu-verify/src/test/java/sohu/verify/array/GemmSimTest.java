package sohu.verify.array;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sohu.core.array.ArrayConfig;
import sohu.core.fp.FpFormat;

/**
 * Random GEMMs on the Verilated matrix engine ({@link GemmChecks#runAndCheck}: bit for bit against
 * the golden model GemmGolden, performance counters equal to the cycle model EngineTiming).
 *
 * <p>Shapes 2×2, 4×8, 8×8 and 16×16; each build is one (shape, format, FMA latency), and the
 * latencies vary across the builds so that every latency 1..4 is covered. The default run builds
 * 11 designs (the four narrow formats on 2×2 and 4×8, one on 8×8 and on 16×16, FP32 on 2×2), about 4 minutes on two cores
 * without any cache (the C++ compile of the 16×16 array dominates); {@code -Dsohu.long=true}
 * builds every format on every shape and runs more and bigger GEMMs.
 */
class GemmSimTest {
    static final boolean LONG = Boolean.getBoolean("sohu.long");

    static Stream<Arguments> designs() {
        List<Arguments> out = new ArrayList<>();
        FpFormat[] all = {FpFormat.BF16, FpFormat.FP16, FpFormat.E4M3, FpFormat.E5M2};
        int[][] shapes = {{2, 2}, {4, 8}, {8, 8}, {16, 16}};
        int[][] latency = {{1, 2, 3, 4}, {4, 3, 2, 1}, {3, 1, 2, 4}, {2, 3, 4, 1}};
        for (int s = 0; s < shapes.length; s++) {
            for (int f = 0; f < all.length; f++) {
                // Default: every format on 2x2 and 4x8, BF16 on 8x8, E5M2 on 16x16 (the quickest to build).
                boolean inDefault = s < 2 || (s == 2 && f == 0) || (s == 3 && f == 3);
                if (inDefault || LONG) {
                    out.add(Arguments.of(shapes[s][0], shapes[s][1], all[f], latency[s][f]));
                }
            }
        }
        // FP32 inputs: the 2x2 array by default, 4x8 and 8x8 too in the long run.
        out.add(Arguments.of(2, 2, FpFormat.FP32, 3));
        if (LONG) {
            out.add(Arguments.of(4, 8, FpFormat.FP32, 1));
            out.add(Arguments.of(8, 8, FpFormat.FP32, 4));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}x{1} {2} L={3}")
    @MethodSource("designs")
    void randomGemmsMatchTheGoldenModelBitForBit(int r, int c, FpFormat f, int latency) {
        ArrayConfig cfg = ArrayConfig.of(r, c, f).withLatency(latency).withDepth(1024);
        Random rnd = new Random(r * 1000L + c * 10L + f.ordinal());
        try (EngineDriver d = EngineDriver.open(cfg)) {
            for (GemmChecks.Case cs : GemmChecks.cases(r, c, r <= 8 || LONG, LONG)) {
                assertEquals((long) cs.m() * cs.n(), GemmChecks.runAndCheck(d, cs, rnd), cs.toString());
            }
        }
    }
}
