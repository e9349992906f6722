package sohu.hdl;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sohu.hdl.ir.Expr;
import sohu.hdl.ir.Instance;
import sohu.hdl.ir.Memory;
import sohu.hdl.ir.ModuleDef;
import sohu.hdl.ir.Port;
import sohu.hdl.ir.Signal;
import sohu.hdl.ir.SourceLoc;
import sohu.hdl.ir.Stmt;

/**
 * The mutable state of one module while its constructor runs; {@link #finish} turns it
 * into an immutable {@link ModuleDef}.
 */
final class ModuleBuilder {
    static final String CLOCK = "clk";
    static final String RESET = "rst";


    final ElabContext ctx;
    final SourceLoc loc;
    String name;
    String generator = "";
    boolean resetAsync;
    String blackBoxSource;
    boolean blackBox;
    boolean claimed;
    Map<String, String> params = Map.of();

    private final List<Port> ports = new ArrayList<>();
    private final List<Signal> signals = new ArrayList<>();
    private final List<Memory> memories = new ArrayList<>();
    private final List<Instance> instances = new ArrayList<>();
    private final Map<String, Object> declared = new HashMap<>();
    private final java.util.Set<String> generated = new java.util.HashSet<>();
    /** Multiplexers built by {@code Vec.get(UInt)}: driving one drives the selected element. */
    private final Map<Expr, DynamicElement> dynamic = new java.util.IdentityHashMap<>();
    boolean finished;
    /** Whether the last declaration was refused as a duplicate (its handle is then a stand-in). */
    private boolean refused;
    /** The generator object being built (set by its constructor). */
    Module module;
    boolean implicitClock;
    private final Map<String, Expr.Lit> localparams = new LinkedHashMap<>();
    private final List<Object> root = new ArrayList<>();
    private final Deque<List<Object>> scopes = new ArrayDeque<>();
    /** Clock domains declared here, and the one in scope (null: the implicit clk and rst). */
    final List<ClockDomain> domains = new ArrayList<>(0);
    ClockDomain domain;

    ModuleBuilder(ElabContext ctx, String defaultName, SourceLoc loc) {
        this.ctx = ctx;
        this.name = defaultName;
        this.loc = loc;
        scopes.push(root);
    }

    // ---------------------------------------------------------------- errors

    /** Symbol of the constants that stand in for a value a usage error could not build. */
    static final String ERROR = "<error>";

    /** Records a usage error at the user's line; the caller carries on with a stand-in value. */
    void usage(String message, String fix) {
        report("usage", message, fix, SourceLoc.capture());
    }

    /** A stand-in value after a usage error: reading it is harmless, driving it is ignored. */
    Bits poison(int width, boolean signed, boolean bool) {
        Expr.Lit e = new Expr.Lit(BigInteger.ZERO, Math.max(1, width), signed, ERROR);
        return signed ? new SInt(this, e) : bool && width == 1 ? new Bool(this, e) : new UInt(this, e);
    }

    /** A stand-in of the same Java type as {@code like}. */
    Bits poisonLike(Bits like) {
        return poison(like.width(), like.expr.signed(), like instanceof Bool);
    }

    static boolean isPoison(Expr e) {
        return e instanceof Expr.Lit l && l.symbol() == ERROR;
    }

    void report(String check, String message, String fix, SourceLoc where) {
        ctx.diagnostics.add(new Diagnostic(check, message, fix, where));
    }

    void checkSameModule(Bits other) {
        if (other.owner != this) {
            usage("value " + other + " belongs to module " + other.owner.name + " but is used in module " + name,
                    "pass values between modules through ports of an instance");
        }
    }

    // ---------------------------------------------------------------- declarations

    /** Claims a name; false (after reporting why) when it is already taken. */
    private boolean declareName(String n, Object what) {
        if (!requireOpen()) {
            return false;
        }
        if (!isIdentifier(n)) {
            usage("'" + n + "' is not a usable signal name", "use letters, digits and '_', starting with a letter");
        } else if (Keywords.RESERVED.contains(n)) {
            usage("'" + n + "' is a SystemVerilog keyword", "choose another name, e.g. '" + n + "_q'");
        }
        Object earlier = declared.putIfAbsent(n, what);
        if (earlier != null) {
            usage("'" + n + "' is declared twice in module " + name + (generated.contains(n) ? " (the language generated it first)" : ""),
                    "give each port, wire, register, memory and instance its own name");
            refused = true;
            return false;
        }
        if (domain != null) {
            domain.members.add(n);
        }
        refused = false;
        return true;
    }

    /** {@code base}, or {@code base_1}, {@code base_2}, ... whichever is not taken yet (for generated names). */
    String fresh(String base) {
        String n = base;
        for (int k = 1; declared.containsKey(n); k++) {
            n = base + "_" + k;
        }
        generated.add(n);
        return n;
    }

    /** Whether a name is taken in this module. */
    boolean isDeclared(String n) {
        return declared.containsKey(n);
    }

    private boolean requireOpen() {
        if (finished) {
            usage("module " + name + " is already built; it cannot get new declarations or connections",
                    "build hardware while the module's constructor runs (or a helper it calls)");
            return false;
        }
        return true;
    }

    /** Letters, digits and '_', starting with a letter (checked by hand: this runs for every signal). */
    static boolean isIdentifier(String n) {
        if (n.isEmpty() || !isLetter(n.charAt(0))) {
            return false;
        }
        for (int i = 1; i < n.length(); i++) {
            char c = n.charAt(i);
            if (!isLetter(c) && !(c >= '0' && c <= '9') && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    Port port(String n, Port.Direction dir, int width, boolean signed, SourceLoc where) {
        Port p = new Port(n, dir, width, signed, where);
        if (declareName(n, dir)) {
            ports.add(p);
        }
        return p;
    }

    void signal(String n, Signal.Kind kind, int width, boolean signed, BigInteger reset, SourceLoc where) {
        if (declareName(n, kind)) {
            signals.add(new Signal(n, kind, width, signed, reset, where));
        }
    }

    /** Makes one leaf signal: declares it and returns its handle. */
    interface LeafMaker {
        void declare(String name, int width, boolean signed);
    }

    /** Makes one leaf that may sit under flipped fields (for ports: the direction turns). */
    interface FlipLeafMaker {
        void declare(String name, int width, boolean signed, boolean flipped);
    }

    /** Declares a value of any type, one leaf per flattened name, each made by {@code maker}. */
    <D extends Data> D declare(String n, HwType<D> type, LeafMaker maker) {
        return declare(n, type, (nm, w, s, f) -> maker.declare(nm, w, s), false);
    }

    /** Declares a value of any type; {@code flipped} tells the maker which leaves flow the other way. */
    @SuppressWarnings("unchecked")
    <D extends Data> D declare(String n, HwType<D> type, FlipLeafMaker maker, boolean flipped) {
        if (type instanceof HwType.BoolType) {
            return (D) leaf(n, 1, false, true, maker, flipped);
        } else if (type instanceof HwType.UIntType u) {
            return (D) leaf(n, u.width(), false, false, maker, flipped);
        } else if (type instanceof HwType.EnumType<?> e) {
            return (D) leaf(n, e.width(), false, false, maker, flipped);
        } else if (type instanceof HwType.SIntType s) {
            return (D) leaf(n, s.width(), true, false, maker, flipped);
        } else if (type instanceof HwType.VecType<?> v) {
            List<Data> elems = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                elems.add(declare(n + "_" + i, v.element(), maker, flipped));
            }
            return (D) new Vec<>(elems);
        } else if (type instanceof HwType.Flipped<?> f) {
            return (D) declare(n, f.type(), maker, !flipped);
        } else if (type instanceof HwType.StreamType<?> st) {
            Bool valid = declare(n + "_valid", new HwType.BoolType(), maker, flipped);
            Bool ready = declare(n + "_ready", new HwType.BoolType(), maker, !flipped);
            return (D) new Stream<>(valid, ready, declare(n + "_payload", st.payload(), maker, flipped));
        } else {
            HwType.BundleType b = (HwType.BundleType) type;
            Map<String, Data> fields = new LinkedHashMap<>();
            java.util.Set<String> flips = new java.util.LinkedHashSet<>();
            b.fields().forEach((f, t) -> {
                fields.put(f, declare(n + "_" + f, t, maker, flipped));
                if (t instanceof HwType.Flipped<?>) {
                    flips.add(f);
                }
            });
            return (D) new Bundle(fields, flips);
        }
    }

    /** One leaf: declared by the maker; a stand-in if the name was taken, so only the duplicate is reported. */
    private Bits leaf(String n, int width, boolean signed, boolean bool, FlipLeafMaker maker, boolean flipped) {
        refused = false;
        maker.declare(n, width, signed, flipped);
        if (refused) {
            return poison(width, signed, bool);
        }
        Expr.Ref r = new Expr.Ref(n, width, signed);
        return signed ? new SInt(this, r) : bool ? new Bool(this, r) : new UInt(this, r);
    }

    /** A handle on an existing signal or port, by name (for instance pins). */
    Bits ref(String n, int width, boolean signed) {
        Expr.Ref r = new Expr.Ref(n, width, signed);
        if (signed) {
            return new SInt(this, r);
        }
        return width == 1 ? new Bool(this, r) : new UInt(this, r);
    }

    /** The implicit clock input, added on first use. */
    Bool clock() {
        if (domain != null) {
            return domain.clock();
        }
        if (!declared.containsKey(CLOCK)) {
            implicitClock = true;
            declareName(CLOCK, Port.Direction.INPUT);
            ports.add(0, new Port(CLOCK, Port.Direction.INPUT, 1, false, SourceLoc.capture()));
        }
        return (Bool) ref(CLOCK, 1, false);
    }

    /** The implicit synchronous (or asynchronous) active-high reset input, added on first use. */
    Bool reset() {
        if (domain != null) {
            return domain.reset();
        }
        clock();
        if (!declared.containsKey(RESET)) {
            declareName(RESET, Port.Direction.INPUT);
            ports.add(1, new Port(RESET, Port.Direction.INPUT, 1, false, SourceLoc.capture()));
        }
        return (Bool) ref(RESET, 1, false);
    }

    Memory memory(String n, int width, int depth, List<BigInteger> init, SourceLoc where) {
        boolean fresh = declareName(n, "memory");
        clock();
        Memory m = new Memory(n, width, depth, List.copyOf(init), where);
        if (fresh) {
            memories.add(m);
        }
        return m;
    }

    void instance(Instance inst) {
        if (declareName(inst.name(), "instance")) {
            instances.add(inst);
        }
    }

    Expr.Lit symbol(String symbol, BigInteger value, int width) {
        Expr.Lit lit = new Expr.Lit(value, width, false, symbol);
        localparams.putIfAbsent(symbol, lit);
        return lit;
    }

    // ---------------------------------------------------------------- statements

    void add(Object stmt) {
        scopes.peek().add(stmt);
    }

    /** Adds a statement at the top of the body, whatever the current scope. */
    void addTopLevel(Object stmt) {
        root.add(stmt);
    }

    /** Reserves a name for something only the emitter declares (a cover counter). */
    void reserve(String n) {
        declareName(n, "reserved");
    }

    void inScope(List<Object> scope, Runnable body) {
        scopes.push(scope);
        try {
            body.run();
        } finally {
            scopes.pop();
        }
    }

    /** Records {@code sink := source} after checking that it is legal. */
    void connect(Bits sink, Bits source, SourceLoc where) {
        if (!requireOpen()) {
            return;
        }
        if (sink.owner != this || source.owner != this) {
            Bits foreign = sink.owner != this ? sink : source;
            report("scope", foreign + " belongs to module " + foreign.owner.name + " but is connected in module " + name,
                    "connect values of a submodule through its instance pins", where);
            return;
        }
        if (!(sink.expr instanceof Expr.Ref r)) {
            DynamicElement d = dynamic.get(sink.expr);
            if (d != null) {
                d.drive(this, source, where);
                return;
            }
            if (isPoison(sink.expr)) {
                return; // its usage error is already reported
            }
            report("connect", "cannot drive an expression (" + sink + ")",
                    "drive a port, wire, register or instance input; assign the expression to one of them", where);
            return;
        }
        Object kind = declared.get(r.name());
        if (kind == Port.Direction.INPUT) {
            report("connect", "input port '" + r.name() + "' of module " + name + " is driven from inside the module",
                    "drive it from the parent through the instance pin, or declare it as an output", where);
            return;
        }
        if (kind == Signal.Kind.INSTANCE_OUTPUT) {
            report("drivers", "'" + r.name() + "' is an instance output; the submodule already drives it",
                    "connect the instance's input pins instead, or drive a separate wire", where);
            return;
        }
        int sw = source.width();
        int tw = sink.width();
        if (sw != tw) {
            String fix = sw > tw
                    ? "drop bits deliberately with .truncate(" + tw + ") or .resize(" + tw + "), or widen '" + r.name() + "'"
                    : "extend deliberately with ." + (source.expr.signed() ? "sext" : "zext") + "(" + tw + ")";
            report("width", "width mismatch: cannot connect a " + sw + "-bit value to " + tw + "-bit '" + r.name() + "'", fix, where);
            drivePoison(r, where);
            return;
        }
        if (source.expr.signed() != sink.expr.signed()) {
            report("width", "signedness mismatch: cannot connect a " + (source.expr.signed() ? "SInt" : "UInt")
                    + " to " + (sink.expr.signed() ? "SInt" : "UInt") + " '" + r.name() + "'",
                    "reinterpret explicitly with ." + (sink.expr.signed() ? "asSInt()" : "asUInt()"), where);
            drivePoison(r, where);
            return;
        }
        add(new Stmt.Connect(r.name(), source.expr, where));
    }

    /** After a failed connection: the sink counts as driven, so only the real error is reported. */
    private void drivePoison(Expr.Ref r, SourceLoc where) {
        add(new Stmt.Connect(r.name(), new Expr.Lit(BigInteger.ZERO, r.width(), r.signed(), ERROR), where));
    }

    /** Drives a leaf with a stand-in after a failed aggregate connection (ignored for non-signals). */
    void drivePoison(Bits sink) {
        if (sink.owner == this && sink.expr instanceof Expr.Ref r) {
            drivePoison(r, SourceLoc.capture());
        }
    }

    /** An element of a vector chosen by a hardware index: {@code candidates[index]}. */
    record DynamicElement(UInt index, List<Bits> candidates) {
        void drive(ModuleBuilder b, Bits source, SourceLoc where) {
            for (int i = 0; i < candidates.size(); i++) {
                Bits target = candidates.get(i);
                WhenChain.start(b, index.eq(i), () -> b.connect(target, source, where));
            }
        }
    }

    /** Makes {@code mux}, a leaf of {@code Vec.get(index)}, drivable. */
    void registerDynamic(Expr mux, UInt index, List<Bits> candidates) {
        dynamic.put(mux, new DynamicElement(index, List.copyOf(candidates)));
    }

    // ---------------------------------------------------------------- finish

    /** A {@code when} while being built. */
    static final class WhenNode {
        final Expr cond;
        final SourceLoc loc;
        final List<Object> then = new ArrayList<>();
        List<Object> otherwise;

        WhenNode(Expr cond, SourceLoc loc) {
            this.cond = cond;
            this.loc = loc;
        }
    }

    /** A {@code switch} while being built. */
    static final class SwitchNode {
        final Expr subject;
        final SourceLoc loc;
        final List<List<Expr.Lit>> values = new ArrayList<>();
        final List<List<Object>> bodies = new ArrayList<>();
        List<Object> otherwise;

        SwitchNode(Expr subject, SourceLoc loc) {
            this.subject = subject;
            this.loc = loc;
        }
    }

    private static List<Stmt> freeze(List<Object> nodes) {
        List<Stmt> out = new ArrayList<>(nodes.size());
        for (Object o : nodes) {
            if (o instanceof Stmt s) {
                out.add(s);
            } else if (o instanceof WhenNode w) {
                out.add(new Stmt.When(w.cond, freeze(w.then), w.otherwise == null ? List.of() : freeze(w.otherwise), w.loc));
            } else {
                SwitchNode s = (SwitchNode) o;
                List<Stmt.Case> cases = new ArrayList<>();
                for (int i = 0; i < s.values.size(); i++) {
                    cases.add(new Stmt.Case(List.copyOf(s.values.get(i)), freeze(s.bodies.get(i))));
                }
                out.add(new Stmt.Switch(s.subject, cases, s.otherwise == null ? null : freeze(s.otherwise), s.loc));
            }
        }
        return List.copyOf(out);
    }

    ModuleDef finish() {
        ModuleDef def = new ModuleDef(name, generator, List.copyOf(ports), List.copyOf(signals), List.copyOf(memories),
                List.copyOf(instances), Domains.append(freeze(root), domains), Map.copyOf(localparams), params, resetAsync,
                blackBoxSource, blackBox, loc);
        finished = true;
        // the module object may stay reachable (typed instance IO): keep only what its handles need
        root.clear();
        dynamic.clear();
        declared.clear();
        generated.clear();
        signals.clear();
        instances.clear();
        return def;
    }
}
