package sohu.cli.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a grid file ({@code --grid FILE}): one point per line, comma-separated, in grid order.
 *
 * <pre>
 *   # rows,cols,format[,latency]      '#' starts a comment; blank lines are ignored
 *   2,2,bf16,3
 *   4,4,e4m3                          latency defaults to 3
 *   8, 2, fp16, 1                     spaces around values are ignored
 * </pre>
 *
 * The first line may instead be a header naming the columns ({@code rows}, {@code cols},
 * {@code format}, optionally {@code latency}; other columns are ignored), in any order: so the
 * {@code sweep.csv} of an earlier sweep is a valid grid file. Errors name the file and line.
 */
public final class GridFile {
    private static final List<String> POSITIONAL = List.of("rows", "cols", "format", "latency");

    private GridFile() { }

    /** Reads the grid in {@code file}; throws {@link IllegalArgumentException} with a one-line message. */
    public static SweepGrid read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("grid file " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read grid file " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** Parses grid text; {@code name} is used in error messages. */
    public static SweepGrid parse(String text, String name) {
        List<SweepPoint> points = new ArrayList<>();
        Map<String, Integer> lineOf = new HashMap<>();
        Map<String, Integer> columns = null; // from a header line; else each line is positional
        boolean first = true;
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String where = name + ":" + (i + 1) + ": ";
            String line = stripComment(lines[i]).strip();
            if (line.isEmpty()) {
                continue;
            }
            List<String> fields;
            try {
                fields = Csv.split(line).stream().map(String::strip).toList();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage());
            }
            if (first) {
                first = false;
                columns = header(fields, where);
                if (columns != null) {
                    continue;
                }
            }
            SweepPoint p = point(fields, columns != null ? columns : positional(fields.size(), where), where);
            Integer earlier = lineOf.putIfAbsent(p.key(), i + 1);
            if (earlier != null) {
                throw new IllegalArgumentException(where + "point " + p.key() + " repeats line " + earlier);
            }
            points.add(p);
        }
        if (points.isEmpty()) {
            throw new IllegalArgumentException(name + ": no points (expected lines like 4,4,bf16,3)");
        }
        return new SweepGrid(points);
    }

    /** Column positions if the line is a header, else null. */
    private static Map<String, Integer> header(List<String> fields, String where) {
        if (fields.isEmpty() || !Character.isLetter(fields.get(0).isEmpty() ? '0' : fields.get(0).charAt(0))) {
            return null;
        }
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            m.putIfAbsent(fields.get(i).toLowerCase(Locale.ROOT), i);
        }
        for (String need : List.of("rows", "cols", "format")) {
            if (!m.containsKey(need)) {
                throw new IllegalArgumentException(where + "the header has no '" + need
                        + "' column (expected rows,cols,format[,latency])");
            }
        }
        return m;
    }

    private static Map<String, Integer> positional(int n, String where) {
        if (n < 3 || n > 4) {
            throw new IllegalArgumentException(where + "expected rows,cols,format[,latency], got " + n + " value"
                    + (n == 1 ? "" : "s"));
        }
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < n; i++) {
            m.put(POSITIONAL.get(i), i);
        }
        return m;
    }

    private static SweepPoint point(List<String> fields, Map<String, Integer> columns, String where) {
        try {
            int rows = integer(fields, columns, "rows", where);
            int cols = integer(fields, columns, "cols", where);
            String format = field(fields, columns, "format", where);
            int latency = columns.containsKey("latency") && !field(fields, columns, "latency", where).isEmpty()
                    ? integer(fields, columns, "latency", where) : SweepGrid.DEFAULT_LATENCIES.get(0);
            return new SweepPoint(rows, cols, SweepPoint.parseFormat(format), latency);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith(where) ? e.getMessage() : where + e.getMessage());
        }
    }

    private static String field(List<String> fields, Map<String, Integer> columns, String col, String where) {
        int i = columns.get(col);
        if (i >= fields.size()) {
            throw new IllegalArgumentException(where + "missing " + col + " value");
        }
        return fields.get(i);
    }

    private static int integer(List<String> fields, Map<String, Integer> columns, String col, String where) {
        String v = field(fields, columns, col, where);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + col + " must be a whole number, got '" + v + "'");
        }
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }
}
