package sohu.verify.array;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.core.array.ArrayConfig;
import sohu.core.array.MatrixEngine;
import sohu.core.fp.FpFormat;
import sohu.hdl.emit.Emitted;
import sohu.hdl.emit.OutputWriter;
import sohu.hdl.ir.Circuit;

/** {@code verilator --lint-only -Wall} prints nothing for engines of odd shapes, every format and latency. */
class ArrayLintTest {

    @Test
    void oddShapesAreLintClean(@TempDir Path dir) throws Exception {
        FpFormat[] formats = {FpFormat.BF16, FpFormat.FP16, FpFormat.E4M3, FpFormat.E5M2, FpFormat.FP32};
        for (int i = 0; i < formats.length; i++) {
            ArrayConfig cfg = new ArrayConfig(3 + i, 7 - i, formats[i], 1 + i % 4, 64, 128, 32);
            Emitted e = OutputWriter.write(MatrixEngine.elaborate(cfg), dir.resolve(cfg.tag()));
            assertEquals(List.of(), ArrayScaleCheck.lint(dir, e.top(), e.svFiles()), cfg.tag());
        }
    }

    @Test
    void perModuleLintWithStubbedChildrenIsCleanToo(@TempDir Path dir) throws Exception {
        Circuit c = MatrixEngine.elaborate(ArrayConfig.of(5, 3, FpFormat.FP16));
        OutputWriter.write(c, dir.resolve("rtl"));
        assertEquals(List.of(), ArrayScaleCheck.lintPerModule(c, dir.resolve("rtl"), dir));
    }
}
