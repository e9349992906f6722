package sohu.core.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import sohu.core.fp.FpFormat;
import sohu.hdl.ir.Circuit;
import sohu.hdl.ir.ModuleDef;
import sohu.hdl.ir.Port;

/** Elaboration: one module per distinct generator, the documented ports, every shape and format. */
class MatrixEngineElaborationTest {

    @Test
    void elaboratesEachTileOnceWithReadableNames() {
        ArrayConfig cfg = ArrayConfig.of(4, 8, FpFormat.E4M3);
        Circuit c = MatrixEngine.elaborate(cfg);
        assertEquals("MatrixEngine_4x8_e4m3_l3_a4096_w4096_c4096", c.top());
        Set<String> names = c.modules().stream().map(ModuleDef::name).collect(Collectors.toSet());
        assertTrue(names.containsAll(List.of("ArrayPe_e4m3_l3", "PeArray_4x8_e4m3_l3", "FmaTile_e4m3_fp32_l3",
                "EngineController_4x8_l3_a4096_w4096_c4096")), names.toString());
        ModuleDef array = c.modules().stream().filter(m -> m.name().startsWith("PeArray")).findFirst().orElseThrow();
        assertEquals(32, array.instances().size());
    }

    @Test
    void topHasTheCommandHostAndCounterPorts() {
        ArrayConfig cfg = ArrayConfig.of(2, 3, FpFormat.FP16);
        ModuleDef top = MatrixEngine.elaborate(cfg).modules().stream()
                .filter(m -> m.name().startsWith("MatrixEngine")).findFirst().orElseThrow();
        Set<String> ports = top.ports().stream().map(Port::name).collect(Collectors.toSet());
        assertTrue(ports.containsAll(List.of("clk", "rst", "cmd_start", "cmd_m", "cmd_k", "cmd_n", "cmd_a_base",
                "cmd_a_stride", "cmd_w_base", "cmd_w_stride", "cmd_c_base", "cmd_c_stride", "cmd_accumulate",
                "status_busy", "status_done", "status_error", "host_we", "host_re", "host_sel", "host_addr",
                "host_wdata_0", "host_wdata_2", "host_rdata_2", "perf_cycles", "perf_busy", "perf_macs", "perf_fill",
                "perf_drain", "perf_stall_weights", "perf_stall_acc")), ports.toString());
    }

    @Test
    void everyFormatAndOddShapesElaborate() {
        for (FpFormat f : new FpFormat[] {FpFormat.BF16, FpFormat.FP16, FpFormat.E4M3, FpFormat.E5M2}) {
            for (int l = 1; l <= 4; l++) {
                MatrixEngine.elaborate(new ArrayConfig(3, 5, f, l, 64, 32, 16));
            }
        }
    }

    @Test
    void largeArraysElaborate() {
        // 128x128 and 256x256 (some 2 and 9 s, 0.3 and 1.2 GB of heap) only in the long run.
        int[] sizes = Boolean.getBoolean("sohu.long") ? new int[] {32, 128, 256} : new int[] {32};
        for (int n : sizes) {
            Circuit c = MatrixEngine.elaborate(ArrayConfig.of(n, n, FpFormat.BF16));
            ModuleDef array = c.modules().stream().filter(m -> m.name().startsWith("PeArray")).findFirst().orElseThrow();
            assertEquals(n * n, array.instances().size());
        }
    }
}
