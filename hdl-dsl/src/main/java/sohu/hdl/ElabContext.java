package sohu.hdl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sohu.hdl.ir.ModuleDef;

/**
 * State of one elaboration: the stack of modules under construction, the memo of
 * elaborated generators and the diagnostics collected so far. Bound to the thread.
 */
final class ElabContext {
    private static final ThreadLocal<ElabContext> CURRENT = new ThreadLocal<>();

    /** Memo key: a generator class with value-equal parameters. */
    record Key(Class<?> generator, Object params) { }

    final Deque<ModuleBuilder> stack = new ArrayDeque<>();
    final Map<Key, ModuleDef> memo = new HashMap<>();
    /** The generator object of each memo entry, whose port handles typed instance IO maps. */
    final Map<Key, Module> objects = new HashMap<>();
    final Map<String, Key> nameOwners = new HashMap<>();
    final LinkedHashMap<String, ModuleDef> modules = new LinkedHashMap<>();
    final List<Diagnostic> diagnostics = new ArrayList<>();

    static ElabContext current() {
        return CURRENT.get();
    }

    static ElabContext open() {
        if (CURRENT.get() != null) {
            throw new IllegalStateException("an elaboration is already running on this thread");
        }
        ElabContext c = new ElabContext();
        CURRENT.set(c);
        return c;
    }

    /** The builder prepared for the module whose constructor is starting, claimed once. */
    ModuleBuilder pendingBuilder() {
        ModuleBuilder top = stack.peek();
        if (top == null || top.claimed) {
            return null;
        }
        top.claimed = true;
        return top;
    }

    void close() {
        CURRENT.remove();
    }
}
