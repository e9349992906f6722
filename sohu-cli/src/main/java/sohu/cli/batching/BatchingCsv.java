package sohu.cli.batching;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import sohu.cli.sweep.Csv;
import sohu.cli.sweep.SweepPoint;
import sohu.core.perf.StepLoss;
import sohu.verify.soc.RtlStepCounters;

/**
 * The bench's CSV: one row per point, fixed columns and number formats ({@link Locale#ROOT}),
 * {@code \n} line ends; the loss columns are cycles. {@code cycles} is the engine's (the RTL's for
 * {@code rtl}), {@code model_cycles} the step cycle model's; the {@code rtl_} columns are empty
 * unless the step ran on the RTL. Writing what was read gives the same text.
 */
public final class BatchingCsv {
    /** The columns, in order (the loss parts after {@code utilization}). */
    public static final List<String> COLUMNS;
    /** The RTL counters kept (empty unless the engine is rtl); the RTL's loss columns follow from them. */
    private static final List<String> RTL_COUNTERS = List.of("rtl_array_busy", "rtl_array_cycles", "rtl_compute_busy");
    private static final int LOSS_AT = 16;
    private static final int RTL_AT = LOSS_AT + StepLoss.NAMES.length;

    static {
        List<String> c = new ArrayList<>(List.of("array", "format", "step", "prefill", "decode", "layers", "depth", "engine",
                "status", "tokens", "instructions", "cycles", "model_cycles", "model_ratio", "golden_cycles", "utilization"));
        c.addAll(List.of(StepLoss.NAMES));
        c.addAll(RTL_COUNTERS);
        for (int i = 1; i < RtlStepCounters.NAMES.length; i++) {
            c.add("rtl_" + RtlStepCounters.NAMES[i]);
        }
        c.add("note");
        COLUMNS = List.copyOf(c);
    }

    private BatchingCsv() { }

    /** Header and one line per result, in the given order. */
    public static String render(List<BatchingResult> results) {
        StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (BatchingResult r : results) {
            sb.append(row(r)).append('\n');
        }
        return sb.toString();
    }

    private static String row(BatchingResult r) {
        BatchingPoint p = r.point();
        BatchingSettings s = r.settings();
        List<String> f = new ArrayList<>(List.of(p.array(), SweepPoint.name(p.format()), p.kind(),
                Integer.toString(s.prefill()), Integer.toString(s.decode()), Integer.toString(s.layers()),
                Integer.toString(s.depth()), s.engine(),
                r.ok() ? "ok" : "failed"));
        if (r.ok()) {
            f.add(Integer.toString(r.tokens()));
            f.add(Integer.toString(r.instructions()));
            f.add(fixed(r.engineCycles(), 0));
            f.add(fixed(r.cycles(), 0));
            f.add(fixed(r.modelRatio(), 6));
            f.add(r.goldenCycles() < 0 ? "" : Long.toString(r.goldenCycles()));
            f.add(fixed(r.utilization(), 6));
            for (double v : r.loss().parts()) {
                f.add(fixed(v, 1));
            }
            RtlStepCounters c = r.rtl();
            for (String v : c == null ? new String[RTL_COUNTERS.size() + RtlStepCounters.NAMES.length - 1]
                    : rtlFields(c)) {
                f.add(v == null ? "" : v);
            }
        } else {
            while (f.size() < COLUMNS.size() - 1) {
                f.add("");
            }
        }
        f.add(r.note().replace('\n', ' '));
        return Csv.join(f);
    }

    private static String[] rtlFields(RtlStepCounters c) {
        double[] parts = c.parts();
        String[] v = new String[RTL_COUNTERS.size() + parts.length - 1];
        v[0] = Long.toString(c.arrayBusy());
        v[1] = Long.toString(c.arrayCycles());
        v[2] = Long.toString(c.computeBusy());
        for (int i = 1; i < parts.length; i++) {
            v[RTL_COUNTERS.size() + i - 1] = fixed(parts[i], 1);
        }
        return v;
    }

    /** Parses a file made by {@link #render}; {@code where} names it in errors. */
    public static List<BatchingResult> parse(String text, String where) {
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || !lines.get(0).equals(String.join(",", COLUMNS))) {
            throw new IllegalArgumentException(where + ": not a bench batching CSV (the first line must be the header "
                    + String.join(",", COLUMNS) + ")");
        }
        List<BatchingResult> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            List<String> f = Csv.split(lines.get(i));
            if (f.size() != COLUMNS.size()) {
                throw new IllegalArgumentException(where + ":" + (i + 1) + ": " + f.size() + " fields, expected "
                        + COLUMNS.size());
            }
            try {
                out.add(parseRow(f));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static BatchingResult parseRow(List<String> f) {
        BatchingPoint p = BatchingPoint.parse(f.get(0), f.get(1), f.get(2));
        BatchingSettings s = new BatchingSettings(Integer.parseInt(f.get(3)), Integer.parseInt(f.get(4)),
                Integer.parseInt(f.get(5)), Integer.parseInt(f.get(6)), f.get(7));
        String note = f.get(f.size() - 1);
        if (!f.get(8).equals("ok")) {
            return BatchingResult.failed(p, s, note);
        }
        double[] parts = new double[StepLoss.NAMES.length];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = Double.parseDouble(f.get(LOSS_AT + i));
        }
        StepLoss loss = new StepLoss(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6], parts[7],
                parts[8], parts[9]);
        RtlStepCounters rtl = !s.rtl() ? null : new RtlStepCounters(Long.parseLong(f.get(11)), loss.useful(),
                Long.parseLong(f.get(RTL_AT)), Long.parseLong(f.get(RTL_AT + 1)), Long.parseLong(f.get(RTL_AT + 2)));
        return new BatchingResult(p, s, true, note, Integer.parseInt(f.get(9)), Integer.parseInt(f.get(10)),
                Double.parseDouble(f.get(12)), f.get(14).isEmpty() ? -1 : Long.parseLong(f.get(14)), loss, rtl);
    }

    static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
