package sohu.cli.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import sohu.cli.sweep.PointResult.Area;
import sohu.cli.sweep.PointResult.Gemm;
import sohu.cli.sweep.PointResult.Perf;
import sohu.cli.sweep.PointResult.SynthStatus;

/**
 * The sweep's CSV: a fixed column order, fixed number formatting ({@link Locale#ROOT}, fixed
 * decimals), empty cells for steps that did not run, {@code \n} line ends. Writing what was read
 * reproduces the text byte for byte.
 */
public final class ResultCsv {
    /** The columns, in order. */
    public static final List<String> COLUMNS = List.of(
            "index", "key", "rows", "cols", "pes", "format", "latency", "status",
            "lint_warnings", "synth", "cells", "flip_flops", "array_cells", "array_flip_flops",
            "gemm_m", "gemm_k", "gemm_n", "cycles", "utilization", "gemm_check",
            "clock_mhz", "arrays", "peak_tflops", "tokens_per_s", "output_tokens_per_s", "top", "note");

    private ResultCsv() { }

    /** The header line. */
    public static String header() {
        return String.join(",", COLUMNS);
    }

    /** A whole file: header and one line per result, in the given order. */
    public static String render(List<PointResult> results) {
        StringBuilder sb = new StringBuilder(header()).append('\n');
        for (PointResult r : results) {
            sb.append(row(r)).append('\n');
        }
        return sb.toString();
    }

    /** One result as a CSV line (no line end). */
    public static String row(PointResult r) {
        SweepPoint p = r.point();
        List<String> f = new ArrayList<>();
        f.add(Integer.toString(r.index()));
        f.add(p.key());
        f.add(Integer.toString(p.rows()));
        f.add(Integer.toString(p.cols()));
        f.add(Integer.toString(p.pes()));
        f.add(SweepPoint.name(p.format()));
        f.add(Integer.toString(p.latency()));
        f.add(r.ok() ? "ok" : "failed");
        f.add(r.lintWarnings() == null ? "" : r.lintWarnings().toString());
        Area a = r.area();
        boolean synth = a.status() == SynthStatus.DONE;
        f.add(a.status().name().toLowerCase(Locale.ROOT));
        f.add(synth ? Long.toString(a.cells()) : "");
        f.add(synth ? Long.toString(a.flipFlops()) : "");
        f.add(synth ? Long.toString(a.arrayCells()) : "");
        f.add(synth ? Long.toString(a.arrayFlipFlops()) : "");
        Gemm g = r.gemm();
        f.add(g == null ? "" : Integer.toString(g.m()));
        f.add(g == null ? "" : Integer.toString(g.k()));
        f.add(g == null ? "" : Integer.toString(g.n()));
        f.add(g == null ? "" : Long.toString(g.cycles()));
        f.add(g == null ? "" : fixed(g.utilization(), 6));
        f.add(g == null ? "" : g.exact() ? "exact" : "mismatch");
        Perf q = r.perf();
        f.add(q == null ? "" : fixed(q.clockMhz(), 1));
        f.add(q == null ? "" : Long.toString(q.arrays()));
        f.add(q == null ? "" : fixed(q.peakTflops(), 1));
        f.add(q == null ? "" : fixed(q.tokensPerS(), 1));
        f.add(q == null ? "" : fixed(q.outputTokensPerS(), 1));
        f.add(r.top());
        f.add(r.note());
        return Csv.join(f);
    }

    /**
     * Parses a file written by {@link #render}; columns are found by name, so files with extra
     * columns (or in another order) are read too.
     *
     * @param name used in error messages
     * @throws IllegalArgumentException naming the file and line
     */
    public static List<PointResult> parse(String text, String name) {
        String[] lines = text.split("\\R");
        if (lines.length == 0 || lines[0].isBlank()) {
            throw new IllegalArgumentException(name + ": empty, expected a header line starting with 'index,key'");
        }
        Map<String, Integer> col = new HashMap<>();
        List<String> head = Csv.split(lines[0].strip());
        for (int i = 0; i < head.size(); i++) {
            col.putIfAbsent(head.get(i), i);
        }
        for (String need : List.of("index", "key", "status", "synth")) {
            if (!col.containsKey(need)) {
                throw new IllegalArgumentException(name + ":1: not a sweep CSV (no '" + need + "' column)");
            }
        }
        List<PointResult> out = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                out.add(parseRow(new Row(Csv.split(lines[i]), col)));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(name + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static PointResult parseRow(Row r) {
        SweepPoint p = SweepPoint.parseKey(r.text("key"));
        SynthStatus s = switch (r.text("synth")) {
            case "done" -> SynthStatus.DONE;
            case "skipped" -> SynthStatus.SKIPPED;
            case "off" -> SynthStatus.OFF;
            case "failed" -> SynthStatus.FAILED;
            default -> throw new IllegalArgumentException("bad synth value '" + r.text("synth") + "'");
        };
        Area area = s == SynthStatus.DONE
                ? new Area(s, r.lng("cells"), r.lng("flip_flops"), r.lng("array_cells"), r.lng("array_flip_flops"))
                : Area.of(s);
        Gemm gemm = r.empty("cycles") ? null : new Gemm((int) r.lng("gemm_m"), (int) r.lng("gemm_k"),
                (int) r.lng("gemm_n"), r.lng("cycles"), r.dbl("utilization"), r.text("gemm_check").equals("exact"));
        Perf perf = r.empty("tokens_per_s") ? null : new Perf(r.dbl("clock_mhz"), r.lng("arrays"), r.dbl("peak_tflops"),
                r.dbl("tokens_per_s"), r.dbl("output_tokens_per_s"));
        Integer lint = r.empty("lint_warnings") ? null : (int) r.lng("lint_warnings");
        String status = r.text("status");
        if (!status.equals("ok") && !status.equals("failed")) {
            throw new IllegalArgumentException("bad status '" + status + "'");
        }
        return new PointResult((int) r.lng("index"), p, r.text("top"), lint, area, gemm, perf, status.equals("ok"),
                r.text("note"));
    }

    static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** One parsed line with lookup by column name. */
    private record Row(List<String> fields, Map<String, Integer> col) {
        String text(String name) {
            Integer i = col.get(name);
            return i == null || i >= fields.size() ? "" : fields.get(i);
        }

        boolean empty(String name) {
            return text(name).isEmpty();
        }

        long lng(String name) {
            try {
                return Long.parseLong(text(name));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number, got '" + text(name) + "'");
            }
        }

        double dbl(String name) {
            try {
                return Double.parseDouble(text(name));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number, got '" + text(name) + "'");
            }
        }
    }
}
