package sohu.verify.soc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.core.compile.CoreConfig;
import sohu.core.fp.FpFormat;
import sohu.core.mem.rtl.DmaConfig;
import sohu.core.soc.rtl.ControlSlave;
import sohu.core.soc.rtl.CoreSram;
import sohu.core.soc.rtl.InsnFetch;
import sohu.hdl.ir.Circuit;
import sohu.verify.LintChecks;

/**
 * {@code verilator --lint-only -Wall} prints nothing for the SRAM router (bus words of half a line
 * to many lines), the fetch unit at every kind of bus and the control slave.
 */
class CoreSramLintTest {

    @Test
    void routerFetchAndControlAreLintClean(@TempDir Path dir) throws Exception {
        List<Circuit> designs = new ArrayList<>();
        for (int bits : new int[] {64, 256, 1024}) {
            DmaConfig dma = SramTestbed.dma(bits);
            designs.add(CoreSram.elaborate(new CoreSram.Params(dma, SramTestbed.core(4, FpFormat.E4M3))));
            designs.add(InsnFetch.elaborate(InsnFetch.Params.of(dma)));
        }
        designs.add(CoreSram.elaborate(new CoreSram.Params(SramTestbed.dma(64), SramTestbed.core(8, FpFormat.BF16))));
        designs.add(CoreSram.elaborate(new CoreSram.Params(SramTestbed.dma(128), SramTestbed.core(4, FpFormat.FP32))));
        designs.add(CoreSram.elaborate(new CoreSram.Params(SramTestbed.dma(128), CoreConfig.of(16, FpFormat.BF16))));
        designs.add(ControlSlave.elaborate(ControlSlave.Params.defaults()));
        designs.add(SramTestbed.elaborate(new SramTestbed.Params(SramTestbed.dma(64), SramTestbed.core(4, FpFormat.E4M3),
                InsnFetch.Params.of(SramTestbed.dma(64)))));
        assertEquals(List.of(), LintChecks.verilatorWall(designs, dir));
    }

    @Test
    void yosysSynthesizesTheRouterWithoutDriverWarnings(@TempDir Path dir) throws Exception {
        assertEquals(List.of(), LintChecks.yosysSynth(CoreSram.elaborate(new CoreSram.Params(SramTestbed.dma(256),
                SramTestbed.core(4, FpFormat.E4M3))), dir));
    }
}
