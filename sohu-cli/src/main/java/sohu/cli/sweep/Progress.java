package sohu.cli.sweep;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a sweep on stderr, in plain text: a bar, points done, elapsed time and an estimate
 * of the time left (average time per finished point × points left ÷ parallel jobs, based on
 * this run's points only). On a terminal the line is redrawn in place with {@code \r}; otherwise
 * (a log file, CI) each finished point prints one line.
 */
public final class Progress {
    private static final int BAR = 24;

    private final PrintWriter err;
    private final boolean inPlace;
    private final int total;
    private final String unit;
    private final int jobs;
    private final LongSupplier nanos;
    private final long start;
    private int done;
    private int failed;
    private long busyNanos;
    private int lastWidth;
    private String lastPoint = "";

    /**
     * A progress display for {@code total} points run {@code jobs} at a time.
     *
     * @param inPlace redraw one line with {@code \r} (stderr is a terminal)
     * @param nanos   the clock ({@link System#nanoTime} outside tests)
     */
    public Progress(PrintWriter err, boolean inPlace, int total, int jobs, LongSupplier nanos) {
        this(err, inPlace, total, "points", jobs, nanos);
    }

    /** A progress display counting {@code total} items called {@code unit} ("points", "checks"). */
    public Progress(PrintWriter err, boolean inPlace, int total, String unit, int jobs, LongSupplier nanos) {
        this.err = err;
        this.inPlace = inPlace;
        this.total = total;
        this.unit = unit;
        this.jobs = Math.max(1, jobs);
        this.nanos = nanos;
        this.start = nanos.getAsLong();
    }

    /**
     * Whether a {@code --progress} mode draws in place: {@code auto} when stderr is a terminal,
     * {@code tty} always, {@code lines} never.
     *
     * @throws IllegalArgumentException for another mode, naming the valid ones
     */
    public static boolean inPlace(String mode) {
        return switch (mode) {
            case "auto" -> Terminal.stderrIsTerminal();
            case "tty" -> true;
            case "lines" -> false;
            default -> throw new IllegalArgumentException("--progress must be auto, tty or lines, got '" + mode + "'");
        };
    }

    /** Shows the empty bar (terminal only). */
    public synchronized void begin() {
        if (inPlace && total > 0) {
            draw(line(""));
        }
    }

    /** Records a finished point that took {@code pointNanos}. */
    public synchronized void finished(PointResult r, long pointNanos) {
        finished(r.point().key(), r.ok(), pointNanos);
    }

    /** Records a finished item {@code label} that took {@code nanos}. */
    public synchronized void finished(String label, boolean ok, long nanos) {
        done++;
        busyNanos += nanos;
        if (!ok) {
            failed++;
        }
        note(label + " " + (ok ? "ok" : "FAILED") + " in " + duration(nanos));
    }

    /** Shows how a running item is getting on (a long simulation's cycles so far) without finishing it. */
    public synchronized void note(String text) {
        lastPoint = text;
        if (inPlace) {
            draw(line(text));
        } else {
            err.println(line(text));
            err.flush();
        }
    }

    /** Redraws the in-place line so the elapsed time moves between points (terminal only). */
    public synchronized void tick() {
        if (inPlace && lastWidth > 0 && done < total) {
            draw(line(lastPoint));
        }
    }

    /** Ends the in-place line. */
    public synchronized void end() {
        if (inPlace && lastWidth > 0) {
            err.println();
            err.flush();
            lastWidth = 0;
        }
    }

    /** "[#########.......] 3/8 points, elapsed 1m05s, ETA 2m10s; 4x4_bf16_l3 ok in 41s". */
    synchronized String line(String last) {
        int filled = total == 0 ? BAR : (int) ((long) BAR * done / total);
        StringBuilder sb = new StringBuilder("[");
        sb.append("#".repeat(filled)).append(".".repeat(BAR - filled)).append("] ");
        sb.append(done).append('/').append(total).append(' ').append(unit);
        if (failed > 0) {
            sb.append(" (").append(failed).append(" failed)");
        }
        sb.append(", elapsed ").append(duration(nanos.getAsLong() - start));
        if (done > 0 && done < total) {
            long left = total - done;
            long eta = (long) ((double) busyNanos / done * left / Math.min(jobs, left));
            sb.append(", ETA ").append(duration(eta));
        }
        if (!last.isEmpty()) {
            sb.append("; ").append(last);
        }
        return sb.toString();
    }

    private void draw(String s) {
        // Pad with spaces so a shorter line fully covers the previous one.
        String padded = s.length() < lastWidth ? s + " ".repeat(lastWidth - s.length()) : s;
        err.print("\r" + padded);
        err.flush();
        lastWidth = s.length();
    }

    /** "45s", "3m07s", "2h05m". */
    public static String duration(long nanos) {
        long s = Math.max(0, Math.round(nanos / 1e9));
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
