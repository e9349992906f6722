package sohu.cli.batching;

import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import sohu.cli.sweep.AtomicFiles;
import sohu.cli.sweep.SweepPoint;
import sohu.core.perf.StepLoss;
import sohu.verify.soc.RtlStepCounters;

/**
 * The bench's PNG: one stacked bar per point, the step's cycles by cause in %, useful work at the
 * bottom (on the RTL, the causes its counters tell apart).
 */
public final class BatchingPlot {
    /** One colour per {@link StepLoss#NAMES} entry: useful green, losses from warm to grey. */
    private static final Color[] COLORS = {new Color(0x2ca02c), new Color(0x9467bd), new Color(0x1f77b4),
        new Color(0x17becf), new Color(0xd62728), new Color(0xe377c2), new Color(0xff7f0e), new Color(0xbcbd22), new Color(0x8c564b),
        new Color(0x7f7f7f)};

    /** Per {@link RtlStepCounters#NAMES} entry, the colour of the model's loss it contains (fill, vector, waiting). */
    private static final int[] RTL_COLORS = {0, 1, 2, 6, 9};

    private BatchingPlot() { }

    /** Writes the plot of {@code results} (their order is the bars' order) to {@code file} atomically. */
    public static void write(Path file, List<BatchingResult> results) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // no display needed to draw PNGs
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (BatchingResult r : results) {
            if (!r.ok()) {
                continue;
            }
            String bar = r.point().array() + " " + SweepPoint.name(r.point().format()) + " " + r.point().kind();
            // on the RTL, the losses its counters show; else the model's
            double[] parts = r.rtl() != null ? r.rtl().parts() : r.loss().parts();
            String[] names = r.rtl() != null ? RtlStepCounters.NAMES : StepLoss.NAMES;
            for (int i = 0; i < parts.length; i++) {
                data.addValue(100 * parts[i] / r.engineCycles(), names[i], bar);
            }
        }
        StackedBarRenderer bars = new StackedBarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        for (int i = 0; i < data.getRowCount(); i++) {
            String name = (String) data.getRowKey(i);
            int c = List.of(StepLoss.NAMES).indexOf(name);
            bars.setSeriesPaint(i, COLORS[c >= 0 ? c : RTL_COLORS[List.of(RtlStepCounters.NAMES).indexOf(name)]]);
        }
        CategoryAxis x = new CategoryAxis("array, format, step");
        x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        NumberAxis y = new NumberAxis("% of the step's cycles");
        y.setRange(0, 100);
        CategoryPlot plot = new CategoryPlot(data, x, y, bars);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setNoDataMessage("No point ran");
        JFreeChart chart = new JFreeChart("Array utilization of the seed's batching step",
                new Font(Font.SANS_SERIF, Font.BOLD, 18), plot, true);
        chart.addSubtitle(new TextTitle(subtitle(results), new Font(Font.SANS_SERIF, Font.PLAIN, 13)));
        chart.setBackgroundPaint(Color.WHITE);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(png, chart, 960, 600);
        AtomicFiles.write(file, png.toByteArray());
    }

    private static String subtitle(List<BatchingResult> results) {
        if (results.isEmpty()) {
            return "";
        }
        BatchingSettings s = results.get(0).settings();
        return "green: useful array cycles; mixed = " + s.prefill() + " prefill + " + s.decode() + " decode tokens, "
                + "decode = the " + s.decode() + " decode tokens alone; " + s.layers() + " layers; " + s.depth()
                + "-word memories";
    }
}
