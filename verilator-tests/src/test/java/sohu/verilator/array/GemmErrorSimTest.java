package sohu.verilator.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import sohu.core.array.ArrayConfig;
import sohu.core.array.EngineStatus;
import sohu.core.array.EngineTiming;
import sohu.core.array.GemmCommand;
import sohu.core.array.GemmGolden;
import sohu.core.fp.FpFormat;

/**
 * Bad commands end with a defined status after the two check cycles (never a hang), and leave the
 * engine able to run the next command; host accesses and starts while busy are ignored.
 */
class GemmErrorSimTest {
    /** The same design as one of {@link GemmSimTest}'s, so the build is shared. */
    private final ArrayConfig cfg = ArrayConfig.of(2, 2, FpFormat.BF16).withLatency(1).withDepth(1024);

    @Test
    void badCommandsReportTheirStatusAndTheEngineRecovers() {
        GemmCommand ok = GemmCommand.packed(cfg, 9, 5, 3, false);
        GemmCommand[] bad = {
            GemmCommand.packed(cfg, 0, 5, 3, false),
            GemmCommand.packed(cfg, 9, 0, 3, false),
            GemmCommand.packed(cfg, 9, 5, 0, false),
            ok.withStrides(2, 2, 2),
            ok.withStrides(3, 1, 2),
            ok.withStrides(3, 2, 1),
            ok.withBases(1024 - 26, 0, 0),
            ok.withBases(0, 1024 - 9, 0),
            ok.withBases(0, 0, 1024 - 17),
            new GemmCommand(65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535, true),
            new GemmCommand(1, 1, 1, 65535, 1, 0, 1, 0, 1, false),
            new GemmCommand(40000, 1, 1, 0, 1, 0, 1, 0, 1, false),
        };
        Random rnd = new Random(11);
        try (EngineDriver d = EngineDriver.open(cfg)) {
            for (GemmCommand cmd : bad) {
                EngineStatus want = cmd.check(cfg);
                EngineDriver.Outcome o = d.run(cmd, 100);
                assertEquals(want, o.status(), cmd.toString());
                assertEquals(EngineTiming.CHECK_CYCLES, o.counters().cycles(), cmd.toString());
                assertEquals(0, o.counters().busy());
            }
            assertEquals(EngineStatus.A_OUT_OF_RANGE, bad[6].check(cfg));
            assertEquals(EngineStatus.OK, ok.withBases(1024 - 27, 1024 - 10, 1024 - 18).check(cfg));
            // After all that, a valid command at the very end of the scratchpads still works.
            GemmSimTest.runAndCheck(d, new GemmSimTest.Case(9, 5, 3, false, 1024 - 27, 1024 - 10, 1024 - 18, 0, 0), rnd);
        }
    }

    @Test
    void hostWritesAndStartsWhileBusyAreIgnored() {
        Random rnd = new Random(12);
        try (EngineDriver d = EngineDriver.open(cfg)) {
            GemmCommand cmd = GemmCommand.packed(cfg, 20, 6, 4, false);
            int[][] a = EngineDriver.randomMatrix(rnd, cfg.format(), 20, 6, 1.0, 0);
            int[][] w = EngineDriver.randomMatrix(rnd, cfg.format(), 6, 4, 1.0, 0);
            d.loadA(cmd, a);
            d.loadW(cmd, w);
            d.startOnly(cmd);
            // Scribble over A and W and try to restart with another command while the engine runs.
            int[][] zeroA = new int[20][6];
            int[][] zeroW = new int[6][4];
            d.loadA(cmd, zeroA);
            d.loadW(cmd, zeroW);
            d.startOnly(GemmCommand.packed(cfg, 1, 1, 1, false));
            EngineDriver.Outcome o = d.finish(cmd, 10_000);
            assertEquals(EngineStatus.OK, o.status());
            int[][] want = GemmGolden.gemm(cfg, a, w, null);
            int[][] got = d.readC(cmd);
            for (int i = 0; i < want.length; i++) {
                assertArrayEquals(want[i], got[i], "row " + i);
            }
        }
    }
}
