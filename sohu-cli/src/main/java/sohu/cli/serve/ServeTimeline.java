package sohu.cli.serve;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import sohu.cli.sweep.AtomicFiles;
import sohu.core.sched.StepRecord;

/**
 * The serving timeline as a PNG: tokens per step stacked by kind (decode, prefill) and the
 * array's utilization on a second axis, so one sees the steps where batching keeps it busy.
 */
public final class ServeTimeline {
    private ServeTimeline() { }

    /** Writes the timeline of {@code steps} to {@code file} atomically. */
    public static void write(Path file, List<StepRecord> steps) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // no display needed to draw PNGs
        }
        DefaultTableXYDataset tokens = new DefaultTableXYDataset();
        XYSeries decode = new XYSeries("decode tokens", false, false);
        XYSeries prefill = new XYSeries("prefill tokens", false, false);
        XYSeries utilization = new XYSeries("array utilization (%)");
        for (StepRecord s : steps) {
            decode.add(s.step(), s.decodeTokens());
            prefill.add(s.step(), s.prefillTokens());
            utilization.add(s.step(), 100 * s.utilization());
        }
        tokens.addSeries(decode);
        tokens.addSeries(prefill);
        StackedXYBarRenderer bars = new StackedXYBarRenderer(0.1);
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, new Color(0x1f77b4));
        bars.setSeriesPaint(1, new Color(0xff7f0e));
        NumberAxis step = new NumberAxis("step");
        step.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis count = new NumberAxis("tokens in the batch");
        count.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYPlot plot = new XYPlot(tokens, step, count, bars);
        NumberAxis percent = new NumberAxis("utilization (%)");
        percent.setRange(0, 100);
        plot.setRangeAxis(1, percent);
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
        line.setSeriesPaint(0, new Color(0x2ca02c));
        line.setSeriesStroke(0, new BasicStroke(2.5f));
        plot.setRenderer(1, line); // before its dataset: the bar renderer cannot draw a plain XY series
        plot.setDataset(1, new XYSeriesCollection(utilization));
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("Continuous batching: tokens per step and utilization",
                new Font(Font.SANS_SERIF, Font.BOLD, 18), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(png, chart, 960, 540);
        AtomicFiles.write(file, png.toByteArray());
    }
}
