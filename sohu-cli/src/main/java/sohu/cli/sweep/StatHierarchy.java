package sohu.cli.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-module sections of a Yosys {@code stat} report, flattened: a module's cells are its own
 * primitive cells plus, for each instance of a submodule, that submodule's flattened cells. This
 * gives the area of one part of a design (the processing-element grid) from the same synthesis
 * run as the whole.
 */
final class StatHierarchy {
    private static final Pattern SECTION = Pattern.compile("^=== (.+) ===\\s*$");
    private static final Pattern CELLS = Pattern.compile("^\\s+Number of cells:\\s+(\\d+)\\s*$");
    private static final Pattern TYPE = Pattern.compile("^\\s+(\\S+)\\s+(\\d+)\\s*$");

    /** Direct cell counts by type name of each module (submodule instances appear as types). */
    private final Map<String, Map<String, Long>> modules;

    private StatHierarchy(Map<String, Map<String, Long>> modules) {
        this.modules = modules;
    }

    /** Parses the text Yosys {@code stat} printed. */
    static StatHierarchy parse(String stat) {
        Map<String, Map<String, Long>> modules = new LinkedHashMap<>();
        Map<String, Long> current = null;
        boolean inTypes = false;
        for (String line : stat.split("\\R")) {
            Matcher s = SECTION.matcher(line);
            if (s.matches()) {
                current = s.group(1).equals("design hierarchy") ? null : new LinkedHashMap<>();
                if (current != null) {
                    modules.put(s.group(1), current);
                }
                inTypes = false;
                continue;
            }
            if (current == null) {
                continue;
            }
            if (CELLS.matcher(line).matches()) {
                inTypes = true;
                continue;
            }
            Matcher t = TYPE.matcher(line);
            if (inTypes && t.matches()) {
                current.merge(t.group(1), Long.parseLong(t.group(2)), Long::sum);
            } else {
                inTypes = false;
            }
        }
        return new StatHierarchy(modules);
    }

    /** Module names, in the order Yosys printed them. */
    List<String> modules() {
        return new ArrayList<>(modules.keySet());
    }

    /** The first module whose name starts with {@code prefix}. */
    Optional<String> find(String prefix) {
        return modules.keySet().stream().filter(m -> m.startsWith(prefix)).findFirst();
    }

    /** Primitive cells by type of {@code module} with its submodules expanded, sorted by type. */
    Map<String, Long> flatten(String module) {
        return flatten(module, new HashMap<>(), new ArrayList<>());
    }

    /** Total primitive cells of {@code module} with its submodules expanded. */
    long cells(String module) {
        return flatten(module).values().stream().mapToLong(Long::longValue).sum();
    }

    private Map<String, Long> flatten(String module, Map<String, Map<String, Long>> memo, List<String> stack) {
        Map<String, Long> done = memo.get(module);
        if (done != null) {
            return done;
        }
        Map<String, Long> own = modules.get(module);
        if (own == null) {
            throw new IllegalArgumentException("Yosys stat has no module " + module + " (modules: " + modules.keySet() + ")");
        }
        if (stack.contains(module)) {
            throw new IllegalArgumentException("Yosys stat: module " + module + " contains itself");
        }
        stack.add(module);
        Map<String, Long> out = new TreeMap<>();
        for (Map.Entry<String, Long> e : own.entrySet()) {
            if (modules.containsKey(e.getKey())) {
                for (Map.Entry<String, Long> sub : flatten(e.getKey(), memo, stack).entrySet()) {
                    out.merge(sub.getKey(), sub.getValue() * e.getValue(), Long::sum);
                }
            } else {
                out.merge(e.getKey(), e.getValue(), Long::sum);
            }
        }
        stack.remove(stack.size() - 1);
        memo.put(module, out);
        return out;
    }
}
