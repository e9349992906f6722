package sohu.constraints;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the output of Yosys {@code stat}: takes the "design hierarchy" section when there is one
 * (its totals count each submodule once per instance), else the top module's section.
 */
final class StatParser {
    private static final Pattern SECTION = Pattern.compile("^=== (.+) ===\\s*$");
    private static final Pattern CELLS = Pattern.compile("^\\s+Number of cells:\\s+(\\d+)\\s*$");
    private static final Pattern TYPE = Pattern.compile("^\\s+(\\S+)\\s+(\\d+)\\s*$");

    private StatParser() { }

    /** Total cells and cells by type. */
    record Counts(int cells, Map<String, Integer> byType) { }

    static Counts parse(String stat, String top) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : stat.split("\\R")) {
            Matcher m = SECTION.matcher(line);
            if (m.matches()) {
                current = new ArrayList<>();
                sections.put(m.group(1), current);
            } else if (current != null) {
                current.add(line);
            }
        }
        List<String> chosen = sections.containsKey("design hierarchy") ? sections.get("design hierarchy")
                : sections.get(top);
        if (chosen == null) {
            throw new ToolException("Yosys stat has no section for " + top + " (sections: " + sections.keySet() + ")");
        }
        return counts(chosen, top);
    }

    private static Counts counts(List<String> lines, String top) {
        int total = -1;
        Map<String, Integer> byType = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher c = CELLS.matcher(line);
            if (total < 0) {
                if (c.matches()) {
                    total = Integer.parseInt(c.group(1));
                }
                continue;
            }
            Matcher t = TYPE.matcher(line);
            if (!t.matches()) {
                break;  // the type list ends at the first blank or other line
            }
            byType.merge(t.group(1), Integer.parseInt(t.group(2)), Integer::sum);
        }
        if (total < 0) {
            throw new ToolException("Yosys stat for " + top + " has no 'Number of cells' line");
        }
        return new Counts(total, byType);
    }
}
