package sohu.core.perf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Fixed-width plain-text table: numbers right-aligned; the first column and any marked {@link #left} left-aligned. */
public final class TextTable {
    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] leftAligned;

    /** A table with these column headers. */
    public TextTable(String... headers) {
        this.headers = headers.clone();
        this.leftAligned = new boolean[headers.length];
        leftAligned[0] = true;
    }

    /** Left-aligns the given (text) columns. */
    public TextTable left(int... columns) {
        for (int c : columns) {
            leftAligned[c] = true;
        }
        return this;
    }

    /** Appends a row of exactly one cell per column. */
    public TextTable row(String... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("expected " + headers.length + " cells, got " + cells.length);
        }
        rows.add(cells.clone());
        return this;
    }

    /** The table, a header rule under the headers, each line without trailing blanks. */
    public String render() {
        int[] width = new int[headers.length];
        for (int c = 0; c < headers.length; c++) {
            width[c] = headers[c].length();
            for (String[] r : rows) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, headers, width);
        String[] rule = new String[headers.length];
        for (int c = 0; c < rule.length; c++) {
            char[] dashes = new char[width[c]];
            Arrays.fill(dashes, '-');
            rule[c] = new String(dashes);
        }
        line(sb, rule, width);
        for (String[] r : rows) {
            line(sb, r, width);
        }
        return sb.toString();
    }

    private void line(StringBuilder sb, String[] cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                l.append("  ");
            }
            String pad = " ".repeat(width[c] - cells[c].length());
            l.append(leftAligned[c] ? cells[c] + pad : pad + cells[c]);
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }
}
