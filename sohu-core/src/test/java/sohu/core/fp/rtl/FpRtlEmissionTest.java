package sohu.core.fp.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import sohu.hdl.exec.CommandResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.core.fp.FpFormat;
import sohu.core.fp.Saturation;
import sohu.hdl.Elaborator;
import sohu.hdl.emit.Emitted;
import sohu.hdl.emit.OutputWriter;
import sohu.hdl.ir.Port;

/**
 * Every FMA top (BF16, FP16, E4M3, E5M2 and FP32 inputs, latencies 1..4) and every converter is
 * emitted with its manifest, has exactly its documented ports, passes {@code verilator
 * --lint-only -Wall} without a word, and synthesizes with Yosys {@code synth} without warnings.
 */
class FpRtlEmissionTest {
    static final FpFormat[] FMA_FORMATS = {FpFormat.BF16, FpFormat.FP16, FpFormat.E4M3, FpFormat.E5M2, FpFormat.FP32};

    @TempDir
    static Path tmp;
    private static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void fmaTopsHaveExactPortsAndPassLintAndSynthesis() throws IOException {
        List<Emitted> designs = new ArrayList<>();
        for (FpFormat f : FMA_FORMATS) {
            for (int l = FmaStage.MIN_LATENCY; l <= FmaStage.MAX_LATENCY; l++) {
                Emitted e = OutputWriter.write(FmaTop.elaborate(f, l), tmp.resolve("fma_" + f + "_l" + l),
                        FmaTop.manifestAttributes(f, l));
                assertEquals(new FmaTile.Params(f, l).moduleName(), e.top());
                assertEquals(List.of("clk:in:1", "rst:in:1", "in_valid:in:1", "a:in:" + f.width(), "b:in:" + f.width(),
                        "c:in:32", "out_valid:out:1", "out:out:32"), describe(e.topPorts()), e.top());
                assertTrue(Files.readString(e.manifest()).contains("\"latency\": " + l), "manifest of " + e.top());
                designs.add(e);
            }
        }
        checkAll(designs);
    }

    @Test
    void convertersHaveExactPortsAndPassLintAndSynthesis() {
        List<Emitted> designs = new ArrayList<>();
        for (FpFormat t : new FpFormat[] {FpFormat.BF16, FpFormat.FP16, FpFormat.E4M3, FpFormat.E5M2}) {
            for (Saturation s : Saturation.values()) {
                ConvertFp32Tile.Params p = new ConvertFp32Tile.Params(t, s);
                Emitted e = OutputWriter.write(Elaborator.elaborate(ConvertFp32Tile.class, p),
                        tmp.resolve(p.moduleName()), p.manifestAttributes());
                assertEquals(p.moduleName(), e.top());
                assertEquals(List.of("clk:in:1", "rst:in:1", "in_valid:in:1", "in:in:32", "out_valid:out:1",
                        "out:out:" + t.width()), describe(e.topPorts()), e.top());
                designs.add(e);
            }
        }
        checkAll(designs);
    }

    @Test
    void manifestAttributesNameTheConfiguration() {
        Map<String, Object> m = FmaTop.manifestAttributes(FpFormat.E4M3, 3);
        assertEquals(3, m.get("latency"));
        assertEquals("E4M3", m.get("format"));
        assertEquals("FmaTile_e4m3_fp32_l3", FmaTop.elaborate(FpFormat.E4M3, 3).top());
    }

    private static List<String> describe(List<Port> ports) {
        return ports.stream().map(p -> p.name() + ":" + (p.isInput() ? "in" : "out") + ":" + p.width()).toList();
    }

    /** Lints and synthesizes the designs two at a time; reports every failure together. */
    private static void checkAll(List<Emitted> designs) {
        List<Future<String>> results = new ArrayList<>();
        for (Emitted e : designs) {
            results.add(pool.submit(() -> problems(e)));
        }
        StringBuilder failures = new StringBuilder();
        for (Future<String> r : results) {
            try {
                failures.append(r.get());
            } catch (Exception ex) {
                failures.append(ex).append('\n');
            }
        }
        assertEquals("", failures.toString());
    }

    private static String problems(Emitted e) {
        StringBuilder out = new StringBuilder();
        sohu.hdl.exec.CommandResult lint = ExternalTool.lint(e);
        if (lint.exit() != 0 || !lint.output().isEmpty()) {
            out.append(e.top()).append(": verilator -Wall:\n").append(lint.output());
        }
        CommandResult synth = ExternalTool.synth(e);
        // "Wire ... is used but has no driver" means a wrong netlist (docs/SV_SUBSET.md); no warning is expected at all.
        if (synth.exit() != 0 || synth.output().contains("no driver") || synth.output().contains("Warning")) {
            out.append(e.top()).append(": yosys synth:\n").append(synth.output());
        }
        return out.toString();
    }
}
