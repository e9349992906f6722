package sohu.verify.soc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.core.compile.CoreConfig;
import sohu.core.fp.FpFormat;
import sohu.core.soc.rtl.ComputeSide;
import sohu.verify.LintChecks;

/** {@code verilator --lint-only -Wall} prints nothing for the compute side (issuer, scalar unit, vector unit). */
class ComputeSideLintTest {

    @Test
    void computeSideIsLintClean(@TempDir Path dir) throws Exception {
        assertEquals(List.of(), LintChecks.verilatorWall(List.of(
                ComputeSide.elaborate(CoreConfig.of(4, FpFormat.BF16)),
                ComputeSide.elaborate(CoreConfig.of(4, FpFormat.FP32))), dir));
    }
}
