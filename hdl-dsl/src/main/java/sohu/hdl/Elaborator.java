package sohu.hdl;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import sohu.hdl.check.Passes;
import sohu.hdl.ir.Circuit;
import sohu.hdl.ir.Instance;
import sohu.hdl.ir.ModuleDef;
import sohu.hdl.ir.Port;
import sohu.hdl.ir.Signal;
import sohu.hdl.ir.SourceLoc;

/**
 * Runs generators into an immutable {@link Circuit}: constructs the top module (and,
 * through it, every submodule, each distinct generator-and-parameters pair once), then
 * runs the checks of {@link Passes#CHECKS}. All errors are reported together in one
 * {@link HdlException}.
 */
public final class Elaborator {
    private Elaborator() { }

    /** Elaborates a generator with parameters. */
    public static Circuit elaborate(Class<? extends Module> generator, Object params) {
        return run(ctx -> elaborateModule(ctx, generator, params, SourceLoc.capture()));
    }

    /** Elaborates a generator without parameters. */
    public static Circuit elaborate(Class<? extends Module> generator) {
        return elaborate(generator, null);
    }

    /** Elaborates a module built by {@code body} (for example an anonymous subclass) under a name. */
    public static Circuit elaborate(String name, Supplier<? extends Module> body) {
        SourceLoc at = SourceLoc.capture();
        return run(ctx -> build(ctx, new ElabContext.Key(Supplier.class, name), name, Map.of(), body, at, at.file()));
    }

    /**
     * Elaborates without recording source locations, which is several times faster on big
     * designs; if anything is wrong, elaborates again with locations so that every
     * diagnostic names the user's file and line. Generators must be deterministic.
     */
    private static Circuit run(java.util.function.Function<ElabContext, ModuleDef> top) {
        try {
            return SourceLoc.withoutCapture(() -> runOnce(top));
        } catch (HdlException firstPass) {
            return runOnce(top);
        }
    }

    private static Circuit runOnce(java.util.function.Function<ElabContext, ModuleDef> top) {
        ElabContext ctx = ElabContext.open();
        try {
            ModuleDef def = top.apply(ctx);
            Circuit circuit = new Circuit(def.name(), List.copyOf(ctx.modules.values()));
            List<Diagnostic> all = new ArrayList<>(ctx.diagnostics);
            all.addAll(Passes.check(circuit));
            if (!all.isEmpty()) {
                throw new HdlException(all);
            }
            return circuit;
        } finally {
            ctx.close();
        }
    }

    static <M extends Module> InstanceHandle<M> instantiate(ModuleBuilder parent, String name, Class<M> generator,
                                                            Object params, SourceLoc at) {
        ModuleDef def = elaborateModule(parent.ctx, generator, params, at);
        M child = generator.cast(parent.ctx.objects.get(new ElabContext.Key(generator, params)));
        List<Instance.Pin> pins = new ArrayList<>();
        Map<String, Bits> handles = new LinkedHashMap<>();
        for (Port p : def.ports()) {
            if (p.isInput() && p.width() == 1 && (p.name().equals(ModuleBuilder.CLOCK) || p.name().equals(ModuleBuilder.RESET))) {
                Bool implicit = p.name().equals(ModuleBuilder.CLOCK) ? parent.clock() : Domains.activeHighReset(parent);
                pins.add(new Instance.Pin(p.name(), ((sohu.hdl.ir.Expr.Ref) implicit.expr).name()));
                handles.put(p.name(), implicit);
                continue;
            }
            String sig = name + "_" + p.name();
            if (parent.isDeclared(sig)) {
                sig = parent.fresh(sig); // a user signal has the pin's name
            }
            parent.signal(sig, p.isInput() ? Signal.Kind.INSTANCE_INPUT : Signal.Kind.INSTANCE_OUTPUT,
                    p.width(), p.signed(), null, at);
            pins.add(new Instance.Pin(p.name(), sig));
            handles.put(p.name(), parent.ref(sig, p.width(), p.signed()));
        }
        parent.instance(new Instance(name, def.name(), List.copyOf(pins), at));
        return new InstanceHandle<>(parent, name, def, child, handles);
    }

    private static ModuleDef elaborateModule(ElabContext ctx, Class<? extends Module> generator, Object params, SourceLoc at) {
        ElabContext.Key key = new ElabContext.Key(generator, params);
        ModuleDef known = ctx.memo.get(key);
        if (known != null) {
            return known;
        }
        Constructor<? extends Module> ctor = constructorFor(generator, params);
        Supplier<Module> make = () -> {
            try {
                return params == null ? ctor.newInstance() : ctor.newInstance(params);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot construct " + generator.getName() + ": " + e, e);
            }
        };
        return build(ctx, key, defaultName(generator, params), describe(params), make, at, generator.getName());
    }

    private static ModuleDef build(ElabContext ctx, ElabContext.Key key, String defaultName, Map<String, String> params,
                                   Supplier<? extends Module> make, SourceLoc at, String generatorName) {
        ModuleBuilder b = new ModuleBuilder(ctx, defaultName, at);
        b.params = params;
        b.generator = generatorName;
        ctx.stack.push(b);
        Module object;
        try {
            object = make.get();
        } finally {
            ctx.stack.pop();
        }
        ModuleDef def = b.finish();
        ElabContext.Key owner = ctx.nameOwners.putIfAbsent(def.name(), key);
        if (owner != null && !owner.equals(key)) {
            boolean sameClass = owner.generator() == key.generator();
            ctx.diagnostics.add(new Diagnostic("naming", "two different generators both produce module '" + def.name()
                    + "': " + describeKey(owner) + " and " + describeKey(key),
                    sameClass ? "put every parameter that changes the hardware into the module name (name(...))"
                            : "give one of the classes another module name with name(...) in its constructor, or rename it", at));
        }
        ctx.memo.put(key, def);
        ctx.objects.put(key, object);
        ctx.modules.putIfAbsent(def.name(), def);
        return def;
    }

    /** "sohu.x.Unit with parameters {width=8}" or "sohu.x.Unit without parameters". */
    private static String describeKey(ElabContext.Key k) {
        String cls = k.generator() == Supplier.class ? "the module built under the name " + k.params() : k.generator().getName();
        if (k.generator() == Supplier.class) {
            return cls;
        }
        return cls + (k.params() == null ? " without parameters" : " with parameters " + describe(k.params()));
    }

    @SuppressWarnings("unchecked")
    private static Constructor<? extends Module> constructorFor(Class<? extends Module> generator, Object params) {
        for (Constructor<?> c : generator.getDeclaredConstructors()) {
            Class<?>[] types = c.getParameterTypes();
            boolean fits = params == null ? types.length == 0
                    : types.length == 1 && box(types[0]).isInstance(params);
            if (fits) {
                c.setAccessible(true);
                return (Constructor<? extends Module>) c;
            }
        }
        throw new IllegalArgumentException(generator.getName() + " has no constructor taking "
                + (params == null ? "no arguments" : params.getClass().getSimpleName()));
    }

    private static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        return c == int.class ? Integer.class : c == long.class ? Long.class : c == boolean.class ? Boolean.class : Double.class;
    }

    /** Class name followed by each parameter: {@code Counter_width8}. */
    static String defaultName(Class<?> generator, Object params) {
        StringBuilder sb = new StringBuilder(generator.getSimpleName());
        describe(params).forEach((k, v) -> sb.append('_').append(k.isEmpty() ? "" : k).append(v));
        return sb.toString().replaceAll("[^A-Za-z0-9_]", "_");
    }

    /** The parameters as name/value text, for names and the manifest. */
    static Map<String, String> describe(Object params) {
        Map<String, String> out = new LinkedHashMap<>();
        if (params == null) {
            return out;
        }
        if (params instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    out.put(c.getName(), text(c.getAccessor().invoke(r)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        } else {
            out.put("", text(params));
        }
        return out;
    }

    /**
     * A parameter value as text that is the same in every JVM: a lambda or an object
     * without its own {@code toString} (whose default text holds a per-run hash) is
     * named by its kind only.
     */
    private static String text(Object v) {
        if (v == null) {
            return "null";
        }
        Class<?> c = v.getClass();
        if (c.isSynthetic() || c.getName().contains("$$Lambda")) {
            return "fn";
        }
        if (v instanceof Record r) {
            StringBuilder sb = new StringBuilder(c.getSimpleName().toLowerCase(Locale.ROOT));
            describe(r).forEach((k, x) -> sb.append('_').append(k).append(x));
            return sb.toString();
        }
        try {
            if (c.getMethod("toString").getDeclaringClass() == Object.class) {
                return (c.isAnonymousClass() ? "obj" : c.getSimpleName()).toLowerCase(Locale.ROOT);
            }
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        return String.valueOf(v).toLowerCase(Locale.ROOT);
    }
}
