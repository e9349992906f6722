package sohu.cli.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sohu.core.mem.rtl.DmaConfig;
import sohu.verify.mem.DmaBench;
import sohu.verify.mem.KvGatherBench;
import sohu.verilator.axi.HbmConfig;

/**
 * {@code sohu bench dma}: the DMA engine's bus utilization in Verilator against the HBM model, per
 * transfer size, latency and kind (read, write, copy), as a table and a PNG, and the smallest
 * number of bursts in flight that reaches 95% on 4 KiB transfers at each latency.
 */
@Command(name = "dma", mixinStandardHelpOptions = true,
        description = {"Runs back-to-back DMA descriptors of each size on a Verilated 64-bit engine against the HBM "
                + "model and prints bus utilization = bytes / (cycles x bus bytes), cycles from the first AXI address "
                + "to the last response, for reads (HBM->SRAM), writes (SRAM->HBM) and copies (HBM->HBM); writes "
                + "dma-utilization.png. Then finds, per latency, the fewest bursts in flight reaching 95%% on 4 KiB "
                + "transfers. Every run is checked (statuses, bytes, AXI protocol)."})
public final class BenchDma implements Callable<Integer> {
    private static final double GOAL = 0.95;

    @Spec
    CommandSpec spec;

    @Option(names = "--sizes", split = ",", paramLabel = "BYTES",
            defaultValue = "64,256,1024,4096,16384,65536,262144,1048576",
            description = "Transfer sizes in bytes (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--latencies", split = ",", paramLabel = "CYCLES", defaultValue = "100,300,600",
            description = "HBM latencies (default: ${DEFAULT-VALUE}).")
    List<Integer> latencies;

    @Option(names = "--bursts", paramLabel = "N", defaultValue = "8",
            description = "Bursts in flight each way for the size table (default: ${DEFAULT-VALUE}).")
    int bursts;

    @Option(names = "--sweep", split = ",", paramLabel = "N", defaultValue = "1,2,3,4,6,8",
            description = "Bursts-in-flight values tried for the 95%% search (default: ${DEFAULT-VALUE}).")
    List<Integer> sweep;

    @Option(names = "--no-sweep", description = "Skip the bursts-in-flight search.")
    boolean noSweep;

    @Option(names = "--total", paramLabel = "BYTES", defaultValue = "262144",
            description = "Bytes moved per point at least (default: ${DEFAULT-VALUE}).")
    long total;

    @Option(names = "--kv-tokens", paramLabel = "N", defaultValue = "1024",
            description = "Tokens of the sequence whose K and V the KV-gather rows gather, a power of two 16..8192 "
                    + "(default: ${DEFAULT-VALUE}).")
    int kvTokens;

    @Option(names = "--kv-head-dims", split = ",", paramLabel = "D", defaultValue = "64,128",
            description = "Head dimensions (BF16 elements) of the KV-gather rows (default: ${DEFAULT-VALUE}).")
    List<Integer> kvHeadDims;

    @Option(names = "--reorder", paramLabel = "POLICY", defaultValue = "OLDEST_READY",
            description = "How the HBM model orders ready responses of different IDs: NONE, OLDEST_READY (a memory "
                    + "controller: a younger burst overtakes only an older one not ready yet) or RANDOM (any ready one; "
                    + "a stress test) (default: ${DEFAULT-VALUE}).")
    HbmConfig.Reorder reorder;

    @Option(names = "--kv-only", description = "Run only the KV-gather rows.")
    boolean kvOnly;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".",
            description = "Folder for dma-utilization.png (default: the current folder).")
    Path out;

    @Override
    public Integer call() {
        DmaConfig base;
        try {
            base = DmaConfig.defaults().withBursts(bursts);
            for (int n : sweep) {
                DmaConfig.defaults().withBursts(n);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        for (int s : sizes) {
            if (s < 1 || s > (1 << 20)) {
                throw new ParameterException(spec.commandLine(), "--sizes must be 1..1048576 bytes, got " + s);
            }
        }
        for (int l : latencies) {
            if (l < 1 || l > 10000) {
                throw new ParameterException(spec.commandLine(), "--latencies must be 1..10000 cycles, got " + l);
            }
        }
        if (kvTokens < 16 || kvTokens > 8192 || Integer.bitCount(kvTokens) != 1) {
            throw new ParameterException(spec.commandLine(), "--kv-tokens must be a power of two 16..8192, got " + kvTokens);
        }
        for (int dim : kvHeadDims) {
            if (dim < 4 || dim > 1024 || Integer.bitCount(dim) != 1) {
                throw new ParameterException(spec.commandLine(), "--kv-head-dims must be powers of two 4..1024, got " + dim);
            }
        }
        PrintWriter o = spec.commandLine().getOut();
        if (kvOnly) {
            kvRows(o);
            return 0;
        }
        o.printf(Locale.ROOT, "DMA engine %s: %d-bit bus, %d bursts of up to %d beats in flight each way, %d-beat buffer%n",
                base.moduleName(), base.dataBits(), bursts, base.maxBurst(), base.bufferBeats());
        o.printf(Locale.ROOT, "HBM model: HBM3-like timing (16 banks, 1 KiB rows, CL/tRCD/tRP 14, tRC 45, tCCD 4), no stalls, "
                + "reordering across IDs %s; the engine's reads on %d IDs%n", reorder, base.readIds());
        o.printf(Locale.ROOT, "%8s %8s", "latency", "size");
        for (DmaBench.Kind k : DmaBench.Kind.values()) {
            o.printf(Locale.ROOT, " %9s", k.label());
        }
        o.println();
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        long readBursts = 0;
        long overtaking = 0;
        for (int l : latencies) {
            for (int s : sizes) {
                o.printf(Locale.ROOT, "%8d %8s", l, size(s));
                for (DmaBench.Kind k : DmaBench.Kind.values()) {
                    DmaBench.Result r = DmaBench.run(base, l, k, s, Math.max(total, s), reorder);
                    readBursts += r.readBursts();
                    overtaking += r.overtaking();
                    o.printf(Locale.ROOT, " %8.1f%%", 100 * r.utilization());
                    data.addValue(100 * r.utilization(), k.label() + " @" + l, size(s));
                }
                o.println();
                o.flush();
            }
        }
        o.printf(Locale.ROOT, "read bursts back before an older one of another ID: %d of %d (%.1f%%)%n", overtaking, readBursts,
                100.0 * overtaking / Math.max(1, readBursts));
        Path png = out.resolve("dma-utilization.png");
        writePng(png, data);
        o.println("wrote " + png);
        if (!noSweep) {
            o.println();
            o.printf(Locale.ROOT, "Fewest bursts in flight (each way) reaching %.0f%% on 4 KiB transfers (read, write, copy)%n", 100 * GOAL);
            for (int l : latencies) {
                String found = "none of " + sweep;
                for (int n : sweep.stream().sorted().toList()) {
                    double worst = 1;
                    for (DmaBench.Kind k : DmaBench.Kind.values()) {
                        worst = Math.min(worst, DmaBench.run(DmaConfig.defaults().withBursts(n), l, k, 4096, total, reorder).utilization());
                    }
                    if (worst >= GOAL) {
                        found = n + String.format(Locale.ROOT, " (worst of the three %.1f%%)", 100 * worst);
                        break;
                    }
                }
                o.printf(Locale.ROOT, "  latency %4d: %s%n", l, found);
                o.flush();
            }
        }
        o.println();
        kvRows(o);
        return 0;
    }

    /** KV gathers of 16-token blocks on the KV cache joined to the same engine (sohu.core.mem.rtl.MemorySystem). */
    private void kvRows(PrintWriter o) {
        o.printf(Locale.ROOT, "KV gathers of 16-token blocks (KV cache + this engine + a 4-bank scratchpad): K then V of one head "
                + "of a %d-token sequence, blocks scattered, one descriptor per block%n", kvTokens);
        o.printf(Locale.ROOT, "%8s %9s %11s %10s%n", "latency", "head dim", "block run", "gather");
        for (int l : latencies) {
            for (int dim : kvHeadDims) {
                KvGatherBench.Result r = KvGatherBench.run(dim, kvTokens, l, reorder);
                o.printf(Locale.ROOT, "%8d %9d %11s %9.1f%%%n", l, dim, size((int) r.blockBytes()), 100 * r.utilization());
                o.flush();
            }
        }
        o.flush();
    }

    private static String size(int s) {
        return s >= 1 << 20 && s % (1 << 20) == 0 ? (s >> 20) + "M" : s >= 1024 && s % 1024 == 0 ? (s >> 10) + "K" : s + "B";
    }

    private static void writePng(Path png, DefaultCategoryDataset data) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        NumberAxis y = new NumberAxis("bus utilization (%)");
        y.setRange(0, 100);
        LineAndShapeRenderer lines = new LineAndShapeRenderer(true, true);
        Color[] colors = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c)};
        float[][] dashes = {null, {10f, 6f}, {3f, 4f}};
        for (int i = 0; i < data.getRowCount(); i++) {
            lines.setSeriesPaint(i, colors[i % 3]);
            lines.setSeriesStroke(i, new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
                    dashes[(i / 3) % 3], 0f));
        }
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis("transfer size"), y, lines);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("DMA bus utilization vs transfer size and HBM latency",
                new Font(Font.SANS_SERIF, Font.BOLD, 20), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ChartUtils.writeChartAsPNG(bytes, chart, 960, 600);
            Path tmp = png.resolveSibling("." + png.getFileName() + ".tmp");
            Files.write(tmp, bytes.toByteArray());
            Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
    }
}
