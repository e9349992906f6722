package sohu.cli.sweep;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 fields: quoted only when they hold a comma, quote or line break. */
public final class Csv {
    private Csv() { }

    /** Joins fields into one line (no line terminator). */
    public static String join(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String f = fields.get(i) == null ? "" : fields.get(i);
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                sb.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(f);
            }
        }
        return sb.toString();
    }

    /**
     * Splits one line into fields. Our writers never put line breaks inside fields, so a line is a
     * record.
     *
     * @throws IllegalArgumentException on an unterminated quote
     */
    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    f.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(ch);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quote");
        }
        out.add(f.toString());
        return out;
    }
}
