package sohu.verify.soc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.core.compile.CoreConfig;
import sohu.core.fp.FpFormat;
import sohu.core.soc.SequencerConfig;
import sohu.core.soc.rtl.Sequencer;
import sohu.core.soc.rtl.SohuCore;
import sohu.verify.LintChecks;

/**
 * {@code verilator --lint-only -Wall} prints nothing for the sequencer and the core, and Yosys
 * synthesizes the sequencer without an undriven or multiply driven signal or a latch.
 */
class SocLintTest {

    @Test
    void sequencerAndCoreAreLintClean(@TempDir Path dir) throws Exception {
        assertEquals(List.of(), LintChecks.verilatorWall(List.of(
                Sequencer.elaborate(SequencerConfig.defaults()),
                Sequencer.elaborate(new SequencerConfig(1, 1)),
                Sequencer.elaborate(new SequencerConfig(8, 3, 3)),
                SohuCore.elaborate(SohuCore.Params.of(CoreConfig.of(4, FpFormat.BF16)))), dir));
    }

    @Test
    void yosysSynthesizesTheSequencerWithoutDriverWarnings(@TempDir Path dir) throws Exception {
        assertEquals(List.of(), LintChecks.yosysSynth(Sequencer.elaborate(new SequencerConfig(4, 2, 4)), dir));
    }
}
