package sohu.core.perf;

import java.util.Locale;

/** Lookup keys that ignore case and punctuation, so "Llama-3-70B" and "llama3_70b" match. */
final class Names {
    private Names() {
    }

    static String key(String name) {
        return name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
