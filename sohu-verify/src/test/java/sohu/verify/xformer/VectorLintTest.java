package sohu.verify.xformer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.core.fp.FpFormat;
import sohu.core.xformer.VectorConfig;
import sohu.core.xformer.rtl.VectorUnit;
import sohu.verify.LintChecks;

/** {@code verilator --lint-only -Wall} prints nothing for vector units of 1 and 4 lanes (element port included). */
class VectorLintTest {

    @Test
    void vectorUnitsAreLintClean(@TempDir Path dir) throws Exception {
        assertEquals(List.of(), LintChecks.verilatorWall(List.of(
                VectorUnitDriver.circuit(new VectorUnit.Params(new VectorConfig(1, FpFormat.BF16), 64)),
                VectorUnitDriver.circuit(new VectorUnit.Params(new VectorConfig(4, FpFormat.E4M3), 256))), dir));
    }
}
