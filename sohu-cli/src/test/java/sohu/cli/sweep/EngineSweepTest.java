package sohu.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.cli.sweep.PointResult.Area;
import sohu.cli.sweep.PointResult.SynthStatus;
import sohu.core.fp.FpFormat;
import sohu.core.fp.rtl.FmaTop;
import sohu.hdl.emit.Emitted;
import sohu.hdl.emit.OutputWriter;

/** The real thing: the matrix engine through Verilator, Yosys and the performance model. */
class EngineSweepTest {
    @TempDir
    Path tmp;

    @Test
    void twoPointSweepEndToEnd() throws Exception {
        Path out = tmp.resolve("sweep");
        SweepCli r = SweepCli.run("sweep", "--rows", "2", "--format", "bf16,e4m3", "--latency", "1",
                "--progress", "lines", "-o", out.toString());
        assertEquals(0, r.code(), r::toString);
        List<PointResult> rs = ResultCsv.parse(Files.readString(out.resolve("sweep.csv")), "sweep.csv");
        assertEquals(List.of("2x2_bf16_l1", "2x2_e4m3_l1"), rs.stream().map(x -> x.point().key()).toList());
        for (PointResult p : rs) {
            assertTrue(p.ok(), p::toString);
            assertEquals(0, p.lintWarnings());
            assertEquals(SynthStatus.DONE, p.area().status());
            assertTrue(p.area().arrayCells() > 0 && p.area().arrayCells() < p.area().cells(), p::toString);
            assertTrue(p.area().arrayFlipFlops() > 0 && p.area().flipFlops() > p.area().arrayFlipFlops(), p::toString);
            ReferenceGemm g = ReferenceGemm.of(p.point());
            assertEquals(List.of(16, 4, 4), List.of(p.gemm().m(), p.gemm().k(), p.gemm().n()));
            assertTrue(p.gemm().exact());
            long ideal = g.macs() / 4;
            assertTrue(p.gemm().cycles() > ideal && p.gemm().cycles() < 3 * ideal, p::toString);
            assertEquals((double) ideal / p.gemm().cycles(), p.gemm().utilization(), 1e-6);
            assertTrue(p.perf().tokensPerS() > p.perf().outputTokensPerS() && p.perf().outputTokensPerS() > 0);
            assertEquals(SweepSettings.DEFAULT_MAC_BUDGET / 4, p.perf().arrays());
            assertTrue(p.top().startsWith("MatrixEngine_2x2_"), p.top());
            assertTrue(Files.isRegularFile(out.resolve("work").resolve(p.point().key()).resolve("lint.log")));
        }
        assertTrue(rs.get(0).area().arrayCells() > rs.get(1).area().arrayCells(), "a BF16 PE is bigger than an E4M3 one");
        for (String png : SweepPlots.FILES) {
            assertEquals(SweepPlots.WIDTH, ImageIO.read(out.resolve(png).toFile()).getWidth());
        }
    }

    @Test
    void lintCountsWarnings() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("rtl"));
        Path sv = dir.resolve("Bad.sv");
        Files.writeString(sv, "module Bad(input logic a, input logic b, output logic y);\n  assign y = a;\nendmodule\n");
        Emitted bad = new Emitted(dir, "Bad", List.of(sv), dir.resolve("Bad.f"), dir.resolve("manifest.json"), List.of(), 3);
        assertEquals(1, Lint.warnings(bad));
        Emitted fma = OutputWriter.write(FmaTop.elaborate(FpFormat.E4M3, 1), tmp.resolve("fma/rtl"));
        assertEquals(0, Lint.warnings(fma));
    }

    @Test
    void areaOfThePartComesFromTheSameSynthesis() throws Exception {
        Emitted fma = OutputWriter.write(FmaTop.elaborate(FpFormat.E4M3, 1), tmp.resolve("fma/rtl"));
        Area a = AreaSynth.run(fma, "LeadingZeroCount_");
        assertEquals(SynthStatus.DONE, a.status());
        assertTrue(a.cells() > 100 && a.flipFlops() > 0, a::toString);
        assertTrue(a.arrayCells() > 0 && a.arrayCells() < a.cells(), a::toString);
    }
}
