package sohu.cli.regress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import sohu.cli.sweep.Progress;
import sohu.verify.SharedBuilds;
import sohu.verify.Mismatch;
import sohu.verify.Regression.Result;

/** The text of a regression's report: the summary table per block and the first failure of each block. */
final class RegressReport {
    private RegressReport() {
    }

    /** Totals of one block. */
    record BlockSummary(String block, int checks, long vectors, int mismatches, int errors, long nanos) { }

    /** Per-block totals, in the order the blocks first appear. */
    static List<BlockSummary> summarize(List<Result> results) {
        Map<String, List<Result>> by = new LinkedHashMap<>();
        for (Result r : results) {
            by.computeIfAbsent(r.check().block(), k -> new ArrayList<>()).add(r);
        }
        List<BlockSummary> out = new ArrayList<>();
        by.forEach((b, rs) -> out.add(new BlockSummary(b, rs.size(), rs.stream().mapToLong(Result::vectors).sum(),
                (int) rs.stream().filter(r -> r.mismatch() != null).count(),
                (int) rs.stream().filter(r -> r.error() != null).count(), rs.stream().mapToLong(Result::nanos).sum())));
        return out;
    }

    /** The summary table; time is the sum of the block's check times without builds (checks overlap with -j). */
    static String table(List<Result> results, long wallNanos) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"block", "checks", "vectors", "mismatches", "errors", "time"});
        int checks = 0;
        long vectors = 0;
        int mismatches = 0;
        int errors = 0;
        for (BlockSummary s : summarize(results)) {
            rows.add(new String[] {s.block(), Integer.toString(s.checks()), String.format(Locale.ROOT, "%,d", s.vectors()),
                Integer.toString(s.mismatches()), Integer.toString(s.errors()), seconds(s.nanos())});
            checks += s.checks();
            vectors += s.vectors();
            mismatches += s.mismatches();
            errors += s.errors();
        }
        rows.add(new String[] {"total", Integer.toString(checks), String.format(Locale.ROOT, "%,d", vectors),
            Integer.toString(mismatches), Integer.toString(errors), seconds(wallNanos) + " wall"});
        int[] w = new int[6];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            sb.append(String.format(Locale.ROOT, "  %-" + w[0] + "s", r[0]));
            for (int i = 1; i < r.length; i++) {
                sb.append(String.format(Locale.ROOT, "  %" + w[i] + "s", r[i]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** One line per design built: its name, time and whether Verilator's build came from the cache. */
    static String builds(List<SharedBuilds.Built> built) {
        StringBuilder sb = new StringBuilder();
        for (SharedBuilds.Built b : built) {
            sb.append("  build ").append(b.name()).append(": ").append(seconds(b.nanos()))
                    .append(b.cached() ? " (cached)" : " (Verilator)").append('\n');
        }
        return sb.toString();
    }

    /** One line per check: name, verdict, vectors, time. */
    static String checks(List<Result> results) {
        int w = results.stream().mapToInt(r -> r.check().name().length()).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (Result r : results) {
            sb.append(String.format(Locale.ROOT, "  %-" + w + "s  %-8s %,12d vectors  %s%n", r.check().name(),
                    r.passed() ? "ok" : r.mismatch() != null ? "MISMATCH" : "ERROR", r.vectors(), seconds(r.nanos())));
        }
        return sb.toString();
    }

    /** For each block, its first failed check: cycle, port, values, inputs, waveform and the replay command. */
    static String failures(List<Result> results, ReplayLine replay, boolean full) {
        StringBuilder sb = new StringBuilder();
        List<String> seen = new ArrayList<>();
        for (Result r : results) {
            if (r.passed() || seen.contains(r.check().block())) {
                continue;
            }
            seen.add(r.check().block());
            sb.append("FAILED ").append(r.check().name()).append('\n');
            Mismatch m = r.mismatch();
            if (m != null) {
                sb.append("  cycle ").append(m.cycle()).append(", port ").append(m.port()).append(": expected ")
                        .append(m.expected()).append(", actual ").append(m.actual()).append('\n');
                sb.append("  inputs: ").append(m.inputs()).append('\n');
                if (r.waveform() != null) {
                    sb.append("  waveform: ").append(r.waveform()).append(" (from cycle ").append(m.windowStart()).append(")\n");
                }
                if (full) {
                    sb.append("  ").append(m.getMessage().replace("\n", "\n  ")).append('\n');
                }
            } else {
                sb.append("  error: ").append(r.error()).append('\n');
            }
            sb.append("  replay: ").append(replay.of(r.check().name())).append('\n');
        }
        return sb.toString();
    }

    /** The command line that replays one check. */
    @FunctionalInterface
    interface ReplayLine {
        String of(String check);
    }

    static String seconds(long nanos) {
        return nanos < 60_000_000_000L ? String.format(Locale.ROOT, "%.1fs", nanos / 1e9) : Progress.duration(nanos);
    }
}
