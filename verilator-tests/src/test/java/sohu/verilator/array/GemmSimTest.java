package sohu.verilator.array;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sohu.core.array.ArrayConfig;
import sohu.core.array.EngineStatus;
import sohu.core.array.EngineTiming;
import sohu.core.array.GemmCommand;
import sohu.core.array.GemmGolden;
import sohu.core.fp.FpFormat;

/**
 * Random GEMMs on the Verilated matrix engine, compared bit for bit with {@link GemmGolden}; the
 * performance counters must equal the cycle model {@link EngineTiming}.
 *
 * <p>Shapes 2×2, 4×8, 8×8 and 16×16; each build is one (shape, format, FMA latency), and the
 * latencies vary across the builds so that every latency 1..4 is covered. The default run builds
 * 10 designs (every format on 2×2 and 4×8, one on 8×8 and on 16×16), about 4 minutes on two cores
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
        return out.stream();
    }

    /** A GEMM to run: sizes, and how to place it. */
    record Case(int m, int k, int n, boolean accumulate, int baseA, int baseW, int baseC, int extraStride, double special) {
        GemmCommand command(ArrayConfig cfg) {
            GemmCommand p = GemmCommand.packed(cfg, m, k, n, accumulate);
            return p.withStrides(p.aStride() + extraStride, p.wStride() + extraStride, p.cStride() + extraStride)
                    .withBases(baseA, baseW, baseC);
        }
    }

    /** GEMMs for an R×C array: smaller than it, odd and even, multiples and not, accumulating, offset. */
    static List<Case> cases(int r, int c) {
        List<Case> cs = new ArrayList<>();
        cs.add(new Case(1, 1, 1, false, 0, 0, 0, 0, 0));
        cs.add(new Case(3, r - 1, c - 1, false, 0, 0, 0, 0, 0));                // everything smaller than the array
        cs.add(new Case(2 * r + 1, 2 * r + 3, c + 3, false, 0, 0, 0, 0, 0.02));   // odd, with special values
        cs.add(new Case(4 * r, 2 * r, 2 * c, true, 5, 3, 7, 1, 0));             // even multiples, + existing C, offsets
        if (r <= 8 || LONG) {
            cs.add(new Case(2, 3 * r, c + 1, false, 0, 0, 0, 0, 0));            // M far below R·L: accumulator hazard
            cs.add(new Case(r * 3 + 2, r + 1, 3 * c - 1, true, 1, 0, 2, 2, 0.05));
        }
        if (LONG) {
            cs.add(new Case(8 * r, 4 * r, 4 * c, false, 0, 0, 0, 0, 0));
            cs.add(new Case(17, 5 * r - 1, 2 * c + 1, true, 0, 0, 0, 0, 0.1));
        }
        return cs;
    }

    @ParameterizedTest(name = "{0}x{1} {2} L={3}")
    @MethodSource("designs")
    void randomGemmsMatchTheGoldenModelBitForBit(int r, int c, FpFormat f, int latency) {
        ArrayConfig cfg = ArrayConfig.of(r, c, f).withLatency(latency).withDepth(1024);
        Random rnd = new Random(r * 1000L + c * 10L + f.ordinal());
        try (EngineDriver d = EngineDriver.open(cfg)) {
            for (Case cs : cases(r, c)) {
                runAndCheck(d, cs, rnd);
            }
        }
    }

    static void runAndCheck(EngineDriver d, Case cs, Random rnd) {
        ArrayConfig cfg = d.cfg;
        GemmCommand cmd = cs.command(cfg);
        assertEquals(EngineStatus.OK, cmd.check(cfg), "test case does not fit: " + cmd);
        int[][] a = EngineDriver.randomMatrix(rnd, cfg.format(), cs.m(), cs.k(), 1.0, cs.special());
        int[][] w = EngineDriver.randomMatrix(rnd, cfg.format(), cs.k(), cs.n(), 1.0, cs.special());
        int[][] c0 = cs.accumulate() ? EngineDriver.randomMatrix(rnd, FpFormat.FP32, cs.m(), cs.n(), 4.0, cs.special()) : null;
        d.loadA(cmd, a);
        d.loadW(cmd, w);
        int sentinel = 0x7F80_0001; // a signalling NaN pattern the engine never produces
        if (c0 != null) {
            d.loadC(cmd, c0);
        } else {
            d.fillC(cmd, sentinel);
        }
        EngineDriver.Outcome o = d.run(cmd, 2_000_000);
        assertEquals(EngineStatus.OK, o.status(), cmd.toString());
        int[][] want = GemmGolden.gemm(cfg, a, w, c0);
        int[][] got = d.readC(cmd);
        for (int i = 0; i < cs.m(); i++) {
            for (int j = 0; j < cs.n(); j++) {
                if (want[i][j] != got[i][j]) {
                    throw new AssertionError(String.format("%s %s: C[%d][%d] expected %08x, got %08x (golden model)",
                            cfg.tag(), cmd, i, j, want[i][j], got[i][j]));
                }
            }
        }
        if (c0 == null) {
            d.expectUntouchedPadding(cmd, sentinel);
        }
        EngineTiming.Counters model = EngineTiming.predict(cfg, cmd);
        EngineDriver.Counters hw = o.counters();
        assertEquals(model.toString(), new EngineTiming.Counters(hw.cycles(), hw.busy(), hw.macs(), hw.fill(), hw.drain(),
                hw.stallWeights(), hw.stallAcc()).toString(), cfg.tag() + " " + cmd + ": counters differ from the cycle model");
    }
}
