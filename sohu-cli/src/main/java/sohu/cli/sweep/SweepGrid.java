package sohu.cli.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import sohu.core.fp.FpFormat;

/**
 * The points of a sweep in grid order. A point's position in this list is its {@code index} in the
 * CSV, the same in every shard, so shards merge back into the grid order.
 *
 * @param points distinct points, in grid order
 */
public record SweepGrid(List<SweepPoint> points) {
    /** Default array sides (square arrays). */
    public static final List<Integer> DEFAULT_SIDES = List.of(2, 4, 8);
    /** Default formats. */
    public static final List<FpFormat> DEFAULT_FORMATS = List.of(FpFormat.BF16, FpFormat.FP16, FpFormat.E4M3, FpFormat.E5M2);
    /** Default FMA latency. */
    public static final List<Integer> DEFAULT_LATENCIES = List.of(sohu.core.array.ArrayConfig.DEFAULT_LATENCY);

    /** Copies the list; rejects an empty grid and repeated points. */
    public SweepGrid {
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("the grid has no points");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < points.size(); i++) {
            Integer first = seen.putIfAbsent(points.get(i).key(), i);
            if (first != null) {
                throw new IllegalArgumentException("point " + points.get(i).key() + " appears twice in the grid");
            }
        }
    }

    /**
     * The cross product of the axes in the order rows, cols, format, latency (latency varies
     * fastest). With {@code square}, {@code cols} must be null and each row value {@code r} gives an
     * {@code r × r} array.
     */
    public static SweepGrid ofAxes(List<Integer> rows, List<Integer> cols, List<FpFormat> formats,
                                   List<Integer> latencies, boolean square) {
        if (square && cols != null) {
            throw new IllegalArgumentException("--square pairs each --rows value with itself; do not give --cols too");
        }
        noRepeats("--rows", rows);
        noRepeats("--format", formats);
        noRepeats("--latency", latencies);
        List<SweepPoint> points = new ArrayList<>();
        for (int r : rows) {
            List<Integer> cs = square ? List.of(r) : cols;
            noRepeats("--cols", cs);
            for (int c : cs) {
                for (FpFormat f : formats) {
                    for (int l : latencies) {
                        points.add(new SweepPoint(r, c, f, l));
                    }
                }
            }
        }
        return new SweepGrid(points);
    }

    /** Number of points. */
    public int size() {
        return points.size();
    }

    /** Position of a point in the grid, or -1. */
    public int indexOf(SweepPoint p) {
        return points.indexOf(p);
    }

    private static <T> void noRepeats(String option, List<T> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException(option + " needs at least one value");
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.indexOf(values.get(i)) != i) {
                throw new IllegalArgumentException(option + " lists " + show(values.get(i)) + " twice");
            }
        }
    }

    private static String show(Object v) {
        return v instanceof FpFormat f ? SweepPoint.name(f) : String.valueOf(v);
    }
}
