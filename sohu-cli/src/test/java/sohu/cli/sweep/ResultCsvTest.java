package sohu.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import sohu.cli.sweep.PointResult.Area;
import sohu.cli.sweep.PointResult.Gemm;
import sohu.cli.sweep.PointResult.Perf;
import sohu.cli.sweep.PointResult.SynthStatus;
import sohu.core.fp.FpFormat;

class ResultCsvTest {
    static PointResult sample() {
        return new PointResult(3, new SweepPoint(4, 8, FpFormat.E4M3, 2), "MatrixEngine_4x8_e4m3_l2_a64_w16_c64", 0,
                new Area(SynthStatus.DONE, 79404, 18931, 40000, 1200), new Gemm(32, 8, 16, 150, 2.0 / 3.0, true),
                new Perf(1200, 131072, 10066.329600001, 141261.34999, 8313.25), true, "");
    }

    @Test
    void fixedColumnsAndNumberFormats() {
        String csv = ResultCsv.render(List.of(sample()));
        assertEquals("index,key,rows,cols,pes,format,latency,status,lint_warnings,synth,cells,flip_flops,array_cells,"
                + "array_flip_flops,gemm_m,gemm_k,gemm_n,cycles,utilization,gemm_check,clock_mhz,arrays,peak_tflops,"
                + "tokens_per_s,output_tokens_per_s,top,note\n"
                + "3,4x8_e4m3_l2,4,8,32,e4m3,2,ok,0,done,79404,18931,40000,1200,32,8,16,150,0.666667,exact,1200.0,131072,"
                + "10066.3,141261.3,8313.3,MatrixEngine_4x8_e4m3_l2_a64_w16_c64,\n", csv);
    }

    @Test
    void formattingIgnoresTheDefaultLocale() {
        Locale old = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertTrue(ResultCsv.row(sample()).contains(",0.666667,"), ResultCsv.row(sample()));
        } finally {
            Locale.setDefault(old);
        }
    }

    @Test
    void parsingAndWritingAgainReproducesTheTextByteForByte() {
        List<PointResult> rs = new ArrayList<>();
        rs.add(sample());
        rs.add(new PointResult(0, new SweepPoint(2, 2, FpFormat.BF16, 3), "", null, Area.of(SynthStatus.SKIPPED),
                null, null, false, "simulation: \"quoted\", with comma\nand a second line"));
        rs.add(new PointResult(7, new SweepPoint(256, 256, FpFormat.FP16, 1), "T", 2, Area.off(),
                new Gemm(2048, 512, 512, 99999, 0.5, false), null, false, "2 lint warnings"));
        String csv = ResultCsv.render(rs);
        assertEquals(csv, ResultCsv.render(ResultCsv.parse(csv, "x.csv")));
        assertEquals(rs.get(1).note(), ResultCsv.parse(csv, "x.csv").get(1).note());
        assertEquals(4, csv.lines().count(), "notes are kept on one line");
    }

    @Test
    void sameResultsGiveTheSameBytes() {
        FakeEvaluator f = new FakeEvaluator(SweepSettings.defaults());
        List<PointResult> a = new ArrayList<>();
        List<PointResult> b = new ArrayList<>();
        SweepGrid g = SweepGrid.ofAxes(List.of(2, 4), null, List.of(FpFormat.BF16, FpFormat.E5M2), List.of(1, 3), true);
        for (int i = 0; i < g.size(); i++) {
            a.add(f.evaluate(i, g.points().get(i), Path.of(".")));
            b.add(f.evaluate(i, g.points().get(i), Path.of(".")));
        }
        assertEquals(ResultCsv.render(a), ResultCsv.render(b));
    }

    @Test
    void badFilesNameTheLine() {
        String head = ResultCsv.header() + "\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResultCsv.parse(head + ResultCsv.row(sample()).replace(",done,", ",maybe,"), "s.csv"));
        assertEquals("s.csv:2: bad synth value 'maybe'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ResultCsv.parse("a,b\n1,2\n", "t.csv"));
        assertEquals("t.csv:1: not a sweep CSV (no 'index' column)", e.getMessage());
    }
}
