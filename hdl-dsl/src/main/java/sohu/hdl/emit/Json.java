package sohu.hdl.emit;

import java.util.List;
import java.util.Map;

/** A minimal, deterministic JSON writer for manifests (maps keep their insertion order). */
public final class Json {
    private Json() { }

    /** Pretty-prints maps, lists, strings, numbers, booleans and null. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb, "");
        return sb.append('\n').toString();
    }

    private static void write(Object v, StringBuilder sb, String indent) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : ordered(map)) {
                sb.append(indent).append("  ");
                string(String.valueOf(e.getKey()), sb);
                sb.append(": ");
                write(e.getValue(), sb, indent + "  ");
                sb.append(++i < map.size() ? ",\n" : "\n");
            }
            sb.append(indent).append('}');
        } else if (v instanceof List<?> list) {
            if (list.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                sb.append(indent).append("  ");
                write(list.get(i), sb, indent + "  ");
                sb.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            sb.append(indent).append(']');
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else {
            string(v.toString(), sb);
        }
    }

    /**
     * The entries in an order that is the same in every JVM: insertion or sorted order
     * where the map has one, else (HashMap, Map.of, Map.copyOf iterate in a per-run
     * order) sorted by key text.
     */
    public static <K, V> List<Map.Entry<K, V>> ordered(Map<K, V> map) {
        List<Map.Entry<K, V>> entries = new java.util.ArrayList<>(map.entrySet());
        boolean hashed = (map instanceof java.util.HashMap && !(map instanceof java.util.LinkedHashMap))
                || map instanceof java.util.Hashtable || map instanceof java.util.IdentityHashMap
                || map instanceof java.util.concurrent.ConcurrentHashMap
                || map.getClass().getName().startsWith("java.util.ImmutableCollections");
        if (hashed) {
            entries.sort(java.util.Comparator.comparing(e -> String.valueOf(e.getKey())));
        }
        return entries;
    }

    private static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
