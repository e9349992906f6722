package sohu.cli.sweep;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins the results of several sweeps (typically the shards of one grid): reads each input's
 * {@code points/*.csv} and {@code sweep.csv} (or a CSV file given directly), keeps one row per
 * point key, and orders them by grid index, then key.
 *
 * <p>When a key occurs more than once, a successful row beats a failed one; otherwise the first
 * input (in command-line order) wins, with a warning if the rows differ.
 */
public final class SweepMerge {
    private SweepMerge() { }

    /** The merged rows of {@code inputs}; warnings about conflicting duplicates go to {@code err}. */
    public static List<PointResult> merge(List<Path> inputs, PrintWriter err) throws IOException {
        Map<String, PointResult> kept = new LinkedHashMap<>();
        Map<String, Path> from = new LinkedHashMap<>();
        for (Path in : inputs) {
            for (PointResult r : read(in)) {
                String key = r.point().key();
                PointResult old = kept.get(key);
                if (old == null || (!old.ok() && r.ok())) {
                    kept.put(key, r);
                    from.put(key, in);
                } else if (old.ok() == r.ok() && !ResultCsv.row(old).equals(ResultCsv.row(r))
                        && !from.get(key).equals(in)) {
                    err.println("sohu: warning: point " + key + " differs between " + from.get(key) + " and " + in
                            + "; keeping the first");
                }
            }
        }
        err.flush();
        List<PointResult> out = new ArrayList<>(kept.values());
        out.sort(Comparator.comparingInt(PointResult::index).thenComparing(r -> r.point(), SweepPoint.NATURAL));
        return out;
    }

    /** The rows of one input: a sweep folder (point files first, then sweep.csv) or a CSV file. */
    static List<PointResult> read(Path in) throws IOException {
        if (Files.isRegularFile(in)) {
            return ResultCsv.parse(Files.readString(in, StandardCharsets.UTF_8), in.toString());
        }
        if (!Files.isDirectory(in)) {
            throw new IllegalArgumentException(in + " does not exist");
        }
        List<PointResult> out = new ArrayList<>(new PointStore(in).all());
        Path csv = in.resolve(PointStore.SWEEP_CSV);
        if (Files.isRegularFile(csv)) {
            out.addAll(ResultCsv.parse(Files.readString(csv, StandardCharsets.UTF_8), csv.toString()));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(in + " holds no sweep results (no " + PointStore.SWEEP_CSV
                    + " and no points/*.csv)");
        }
        return out;
    }
}
