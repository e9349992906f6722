package sohu.verify.fp;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sohu.hdl.exec.ExternalCommand;
import sohu.core.fp.FpFormat;
import sohu.core.fp.rtl.FmaStage;
import sohu.core.fp.rtl.FmaTop;
import sohu.hdl.emit.Emitted;
import sohu.hdl.emit.OutputWriter;

/**
 * Benchmark behind {@code ./sohu bench fma} and {@code bench/fma.sh}: for every input format and latency 1..4, the standalone
 * {@link FmaTop} is emitted, synthesized with Yosys ({@code synth -flatten}, generic gates) for
 * its cell and flip-flop counts, and simulated in Verilator running the random regression (one
 * operation per cycle, each checked against the golden model) to measure operations per second.
 *
 * <p>Every simulated result is checked against the golden model; the first difference ends the
 * benchmark with a {@link sohu.verify.Mismatch}.
 */
public final class FmaBench {
    private static final FpFormat[] FORMATS = {FpFormat.BF16, FpFormat.FP16, FpFormat.E4M3, FpFormat.E5M2, FpFormat.FP32};
    private static final int ROUNDS = 3;
    private static final Pattern CELLS = Pattern.compile("Number of cells:\\s+(\\d+)");
    private static final Pattern CELL_LINE = Pattern.compile("^\\s+(\\$\\S+)\\s+(\\d+)\\s*$", Pattern.MULTILINE);

    private FmaBench() {
    }

    /**
     * Runs the benchmark with {@code ops} operations per configuration, writing emitted designs and
     * Yosys logs under {@code out}; prints progress rows to {@code progress} and returns the
     * Markdown table.
     */
    public static String run(long ops, Path out, PrintWriter progress) throws IOException, InterruptedException {
        List<String> rows = new ArrayList<>();
        rows.add("| format | latency | Yosys cells | of which flip-flops | regression ops/s (Verilator, checked, best of 3) |");
        rows.add("|---|---|---|---|---|");
        for (FpFormat f : FORMATS) {
            for (int l = FmaStage.MIN_LATENCY; l <= FmaStage.MAX_LATENCY; l++) {
                Emitted e = OutputWriter.write(FmaTop.elaborate(f, l), out.resolve(e(f, l)), FmaTop.manifestAttributes(f, l));
                long[] cells = synthesize(e);
                double rate = throughput(f, l, ops);
                String row = String.format(Locale.ROOT, "| %s | %d | %d | %d | %.2f M |", f, l, cells[0], cells[1], rate / 1e6);
                progress.println(row);
                progress.flush();
                rows.add(row);
            }
        }
        return String.join("\n", rows) + "\n";
    }

    private static String e(FpFormat f, int latency) {
        return f.name().toLowerCase(Locale.ROOT) + "_l" + latency;
    }

    /**
     * The random regression on the standalone top, without idle cycles: checked operations per
     * second, the best of {@value #ROUNDS} rounds after a warm-up (the machine is shared, so the
     * best round is the least disturbed one).
     */
    static double throughput(FpFormat f, int latency, long ops) {
        SplittableRandom r = new SplittableRandom(17);
        long mask = (1L << f.width()) - 1;
        try (FmaHarness h = FmaHarness.openTop(f, latency, 1, Integer.MAX_VALUE)) {
            double best = 0;
            for (int round = -1; round < ROUNDS; round++) {
                long n = round < 0 ? ops / 10 : ops;
                long t0 = System.nanoTime();
                for (long i = 0; i < n; i++) {
                    int a = (int) (r.nextLong() & mask);
                    int b = (int) (r.nextLong() & mask);
                    h.op(a, b, FpPatterns.randomAddend(f, a, b, r));
                }
                double rate = n / ((System.nanoTime() - t0) / 1e9);
                best = round < 0 ? 0 : Math.max(best, rate);
            }
            h.drain();
            return best;
        }
    }

    /** Yosys generic synthesis, flattened: {total cells, flip-flops}. */
    static long[] synthesize(Emitted e) throws IOException, InterruptedException {
        StringBuilder files = new StringBuilder();
        e.svFiles().forEach(p -> files.append(' ').append(p.getFileName()));
        String script = "read_verilog -sv" + files + "; synth -flatten -top " + e.top() + "; stat";
        String log = ExternalCommand.of("yosys", "-p", script).in(e.dir()).log(e.dir().resolve("yosys.log"))
                .check("yosys for " + e.top()).output();
        String stat = log.substring(log.lastIndexOf("=== " + e.top() + " ==="));
        Matcher m = CELLS.matcher(stat);
        if (!m.find()) {
            throw new IllegalStateException("no cell count in the yosys log of " + e.top());
        }
        long flops = 0;
        Matcher c = CELL_LINE.matcher(stat);
        while (c.find()) {
            if (c.group(1).contains("DFF")) {
                flops += Long.parseLong(c.group(2));
            }
        }
        return new long[] {Long.parseLong(m.group(1)), flops};
    }
}
