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
 * Bad commands end with a defined status after the two check cycles (never a hang), and leave the
 * engine able to run the next command; host accesses and starts while busy are ignored
 * ({@link GemmChecks#badCommands}, {@link GemmChecks#busyIgnored}).
 */
class GemmErrorSimTest {
    /** The same design as one of {@link GemmSimTest}'s, so the build is shared. */
    private final ArrayConfig cfg = ArrayConfig.of(2, 2, FpFormat.BF16).withLatency(1).withDepth(1024);

    @Test
    void badCommandsReportTheirStatusAndTheEngineRecovers() {
        try (EngineDriver d = EngineDriver.open(cfg)) {
            long checked = GemmChecks.badCommands(d, new Random(11));
            // 11 bad commands, then the 5x3x3 product at the scratchpads' ends (15 elements).
            assertEquals(11 + 15, checked);
        }
        // The Java model of the checks, on the bad-base case: the last A word is one past the end.
        GemmCommand ok = GemmCommand.packed(cfg, 5, 3, 3, false);
        assertEquals(EngineStatus.A_OUT_OF_RANGE, ok.withBases(1024 - 10 + 1, 0, 0).check(cfg));
        assertEquals(EngineStatus.OK, ok.withBases(1024 - 10, 1024 - 6, 1024 - 10).check(cfg));
    }

    @Test
    void hostWritesAndStartsWhileBusyAreIgnored() {
        try (EngineDriver d = EngineDriver.open(cfg)) {
            assertTrue(GemmChecks.busyIgnored(d, new Random(12)) > 0);
        }
    }
}
