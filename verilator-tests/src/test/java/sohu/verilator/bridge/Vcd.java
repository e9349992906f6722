package sohu.verilator.bridge;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal reader of a value change dump (IEEE 1364 §18): the declared signals by hierarchical
 * name, and each signal's changes as (time, value) with x and z read as 0. Enough to check what a
 * trace says, independent of the simulator that wrote it.
 */
record Vcd(Map<String, List<Change>> changes) {
    /** One value change. */
    record Change(long time, long value) { }

    static Vcd parse(String text) {
        Map<String, List<String>> namesById = new HashMap<>();
        Map<String, List<Change>> changes = new LinkedHashMap<>();
        Deque<String> scope = new ArrayDeque<>();
        String[] tokens = text.trim().split("\\s+");
        long time = 0;
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            if (t.equals("$scope")) {
                scope.addLast(tokens[i + 2]);
                i += 3;
            } else if (t.equals("$upscope")) {
                scope.removeLast();
                i += 1;
            } else if (t.equals("$var")) {
                String name = String.join(".", scope) + "." + tokens[i + 4];
                namesById.computeIfAbsent(tokens[i + 3], k -> new ArrayList<>()).add(name);
                changes.put(name, new ArrayList<>());
                while (!tokens[i].equals("$end")) {
                    i++;
                }
            } else if (t.startsWith("$")) {
                if (!t.equals("$dumpvars") && !t.equals("$end")) {
                    while (!tokens[i].equals("$end")) {
                        i++;
                    }
                }
            } else if (t.startsWith("#")) {
                time = Long.parseLong(t.substring(1));
            } else if (t.startsWith("b") || t.startsWith("B")) {
                record(namesById, changes, tokens[++i], time, bits(t.substring(1)));
            } else {
                record(namesById, changes, t.substring(1), time, bits(t.substring(0, 1)));
            }
        }
        return new Vcd(changes);
    }

    private static long bits(String s) {
        return Long.parseUnsignedLong(s.replace('x', '0').replace('X', '0').replace('z', '0').replace('Z', '0'), 2);
    }

    private static void record(Map<String, List<String>> namesById, Map<String, List<Change>> changes, String id,
                               long time, long value) {
        for (String name : namesById.getOrDefault(id, List.of())) {
            changes.get(name).add(new Change(time, value));
        }
    }

    /** The changes of a signal by its hierarchical name, e.g. {@code TOP.counter.count}. */
    List<Change> of(String name) {
        List<Change> c = changes.get(name);
        if (c == null) {
            throw new AssertionError("no signal " + name + " in " + changes.keySet());
        }
        return c;
    }

    /** The value of a signal at a time (its last change at or before it). */
    long valueAt(String name, long time) {
        long v = -1;
        for (Change c : of(name)) {
            if (c.time() <= time) {
                v = c.value();
            }
        }
        if (v < 0) {
            throw new AssertionError(name + " has no value at time " + time);
        }
        return v;
    }
}
