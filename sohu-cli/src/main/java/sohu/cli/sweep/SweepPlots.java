package sohu.cli.sweep;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import sohu.cli.sweep.PointResult.SynthStatus;

/**
 * The sweep's plots, as PNG: area, utilization and tokens/s against array size, one line per
 * format (per format and latency when the results have several latencies). The x axis lists the
 * array sizes present, ordered by number of PEs.
 */
public final class SweepPlots {
    /** Width of every plot in pixels. */
    public static final int WIDTH = 960;
    /** Height of every plot in pixels. */
    public static final int HEIGHT = 600;
    /** File names, in the order they are written. */
    public static final List<String> FILES = List.of("area.png", "utilization.png", "tokens.png");

    /** Colours by {@link sohu.core.fp.FpFormat} ordinal (FP32, BF16, FP16, E4M3, E5M2): dark enough on white. */
    private static final List<Color> FORMAT_COLORS = List.of(new Color(0x7f7f7f), new Color(0x1f77b4),
            new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728));
    /** Dash patterns by latency rank: solid, dashed, dotted, dash-dot. */
    private static final List<float[]> DASHES = java.util.Arrays.asList(null, new float[] {10f, 6f}, new float[] {3f, 4f},
            new float[] {10f, 4f, 3f, 4f});

    /** Area ratio from which the area axis is logarithmic. */
    private static final double WIDE = 30;

    private SweepPlots() { }

    /** Writes the three plots into {@code dir} (each atomically) and returns their paths. */
    public static List<Path> write(Path dir, List<PointResult> results) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // no display needed to draw PNGs
        }
        boolean latencies = results.stream().map(r -> r.point().latency()).distinct().count() > 1;
        List<JFreeChart> charts = List.of(
                chart("Matrix engine area (Yosys generic synthesis)", areaLabel(results), areaAxis(results), results, latencies,
                        r -> r.area().status() == SynthStatus.DONE, r -> (double) r.area().cells(),
                        "No synthesized points (--no-synth, or all above --synth-max-pes)",
                        "whole engine: PE array, scratchpads (as flip-flops) and controller"),
                chart("Utilization of the reference GEMM in Verilator", "utilization (%)", percentAxis(), results,
                        latencies, r -> r.gemm() != null, r -> 100 * r.gemm().utilization(),
                        "No simulated points", "M = 8R, K = 2R, N = 2C; utilization = M·K·N / (R·C·cycles)"),
                chart("Predicted server throughput", "tokens/s (input + output)", countAxis(), results, latencies,
                        r -> r.perf() != null, r -> r.perf().tokensPerS(), "No predicted points",
                        subtitle(results)));
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < charts.size(); i++) {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ChartUtils.writeChartAsPNG(png, charts.get(i), WIDTH, HEIGHT);
            Path f = dir.resolve(FILES.get(i));
            AtomicFiles.write(f, png.toByteArray());
            out.add(f);
        }
        return out;
    }

    private static JFreeChart chart(String title, String yLabel, ValueAxis y, List<PointResult> results,
                                    boolean latencies, Predicate<PointResult> has, Function<PointResult, Double> value,
                                    String noData, String subtitle) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        // Sizes ordered by PEs, then rows; series by format, then latency: the same on every run.
        Map<SweepPoint, PointResult> sorted = new TreeMap<>(SweepPoint.NATURAL);
        for (PointResult r : results) {
            sorted.putIfAbsent(r.point(), r);
        }
        List<String> sizes = sorted.keySet().stream().map(SweepPlots::sizeLabel).distinct().toList();
        List<SweepPoint> bySeries = new ArrayList<>(sorted.keySet());
        bySeries.sort(Comparator.comparing(SweepPoint::format).thenComparingInt(SweepPoint::latency));
        List<String> series = bySeries.stream().map(p -> series(p, latencies)).distinct().toList();
        Map<String, SweepPoint> seriesPoint = new HashMap<>();
        bySeries.forEach(p -> seriesPoint.putIfAbsent(series(p, latencies), p));
        Map<String, Double> values = new HashMap<>();
        for (PointResult r : sorted.values()) {
            if (has.test(r)) {
                values.put(series(r.point(), latencies) + "@" + sizeLabel(r.point()), value.apply(r));
            }
        }
        if (!values.isEmpty()) {
            // Every series gets every size (null where missing) so the columns keep the size order.
            for (String s : series) {
                if (sizes.stream().noneMatch(size -> values.containsKey(s + "@" + size))) {
                    continue;
                }
                for (String size : sizes) {
                    data.addValue(values.get(s + "@" + size), s, size);
                }
            }
        }
        CategoryAxis x = new CategoryAxis("array size (rows × cols)");
        if (sizes.size() > 12) {
            x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        y.setLabel(yLabel);
        LineAndShapeRenderer lines = new LineAndShapeRenderer(true, true);
        List<Integer> latencyOrder = sorted.keySet().stream().map(SweepPoint::latency).distinct().sorted().toList();
        for (int i = 0; i < data.getRowCount(); i++) {
            // Colour by format, dash pattern by latency: a format keeps its colour in every plot.
            SweepPoint p = seriesPoint.get((String) data.getRowKey(i));
            lines.setSeriesPaint(i, FORMAT_COLORS.get(p.format().ordinal() % FORMAT_COLORS.size()));
            float[] dash = DASHES.get(latencyOrder.indexOf(p.latency()) % DASHES.size());
            lines.setSeriesStroke(i, new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, dash, 0f));
        }
        CategoryPlot plot = new CategoryPlot(data, x, y, lines);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setNoDataMessage(noData);
        plot.setNoDataMessageFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 20), plot, true);
        chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 13)));
        chart.setBackgroundPaint(Color.WHITE);
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        }
        x.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        x.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        y.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        y.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        return chart;
    }

    private static String subtitle(List<PointResult> results) {
        List<String> clocks = results.stream().filter(r -> r.perf() != null)
                .map(r -> ResultCsv.fixed(r.perf().clockMhz(), 0)).distinct().toList();
        List<String> peaks = results.stream().filter(r -> r.perf() != null)
                .map(r -> ResultCsv.fixed(r.perf().peakTflops() / 1000, 1)).distinct().toList();
        String chip = clocks.size() == 1 && peaks.size() == 1
                ? "chips of " + peaks.get(0) + " PFLOP/s peak at " + clocks.get(0) + " MHz" : "Sohu-class chips";
        return "Llama-3-70B on an 8-chip server, " + chip + "; utilization from simulation";
    }

    /** "8x8". */
    static String sizeLabel(SweepPoint p) {
        return p.rows() + "×" + p.cols();
    }

    /** "bf16" or "bf16 L3". */
    static String series(SweepPoint p, boolean latencies) {
        return SweepPoint.name(p.format()) + (latencies ? " L" + p.latency() : "");
    }

    /** Whether the synthesized areas span so much that a linear axis would flatten the small arrays. */
    private static boolean wideArea(List<PointResult> results) {
        double[] cells = results.stream().filter(r -> r.area().status() == SynthStatus.DONE)
                .mapToDouble(r -> r.area().cells()).filter(c -> c > 0).toArray();
        return cells.length > 0 && java.util.Arrays.stream(cells).max().getAsDouble()
                >= WIDE * java.util.Arrays.stream(cells).min().getAsDouble();
    }

    private static String areaLabel(List<PointResult> results) {
        return "cells (generic gates and flip-flops" + (wideArea(results) ? ", log scale)" : ")");
    }

    private static ValueAxis areaAxis(List<PointResult> results) {
        if (!wideArea(results)) {
            return countAxis();
        }
        LogarithmicAxis a = new LogarithmicAxis("");
        a.setNumberFormatOverride(new DecimalFormat("#,##0"));
        a.setAutoRangeNextLogFlag(true); // whole decades, so every 10^n line is labelled
        return a;
    }

    private static ValueAxis percentAxis() {
        NumberAxis a = new NumberAxis();
        a.setRange(0, 100);
        return a;
    }

    private static ValueAxis countAxis() {
        NumberAxis a = new NumberAxis();
        a.setAutoRangeIncludesZero(false); // differences of a few percent must stay visible
        a.setNumberFormatOverride(new DecimalFormat("#,##0"));
        return a;
    }
}
