package sohu.core.perf;

import java.util.Locale;

/** Human-readable SI formatting for the report. */
final class Units {
    private static final String[] PREFIX = {"", "k", "M", "G", "T", "P", "E"};

    private Units() {
    }

    /** {@code value} with an SI prefix and 4 significant digits, e.g. "302.3 TFLOP", "6.797 PFLOP/s". */
    static String si(double value, String unit) {
        if (Double.isNaN(value)) {
            return "-";
        }
        int p = 0;
        double v = value;
        while (Math.abs(v) >= 1000 && p < PREFIX.length - 1) {
            v /= 1000;
            p++;
        }
        String sep = unit.isEmpty() ? "" : " ";
        return sig4(v) + sep + PREFIX[p] + unit;
    }

    /** Seconds as s, ms or us. */
    static String seconds(double s) {
        if (s >= 1) {
            return sig4(s) + " s";
        }
        return s >= 1e-3 ? sig4(s * 1e3) + " ms" : sig4(s * 1e6) + " us";
    }

    /** A fraction as a percentage; "unreach." for NaN (the model cannot reach it). */
    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "unreach." : String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /** A ratio such as model/announced. */
    static String ratio(double r) {
        return String.format(Locale.ROOT, "%.3f", r);
    }

    private static String sig4(double v) {
        double a = Math.abs(v);
        String f = a >= 100 ? "%.1f" : a >= 10 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, f, v);
    }
}
