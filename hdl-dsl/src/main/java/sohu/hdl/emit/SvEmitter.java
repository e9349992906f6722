package sohu.hdl.emit;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import sohu.hdl.check.Walk;
import sohu.hdl.ir.Expr;
import sohu.hdl.ir.Instance;
import sohu.hdl.ir.Memory;
import sohu.hdl.ir.ModuleDef;
import sohu.hdl.ir.Port;
import sohu.hdl.ir.Signal;
import sohu.hdl.ir.Stmt;

/**
 * Writes one module as readable SystemVerilog in the subset that Verilator, Yosys and
 * Icarus all accept (see SV_SUBSET.md): a single unconditional connection becomes
 * {@code assign}; a conditional one becomes its own {@code always_comb}; registers with
 * a reset share one {@code always_ff}, registers without reset and memories another;
 * signals read only in part or not at all are folded into {@code _unused_ok}.
 */
public final class SvEmitter {
    private final ModuleDef m;
    private final StringBuilder out = new StringBuilder(4096);
    private final Map<String, Signal> signals = new HashMap<>();
    private final Map<String, List<Stmt.Connect>> topLevel = new HashMap<>();
    private final Set<String> conditional = new HashSet<>();
    private final Map<String, Expr> inlinedPins = new HashMap<>();
    /** Multiplications hoisted into their own signals: node identity to signal name. */
    private final Map<Expr, String> hoisted = new IdentityHashMap<>();
    private final List<String[]> hoistedDecls = new ArrayList<>();
    private final Map<Object, Set<String>> targetsUnder = new IdentityHashMap<>();
    private Set<String> taken;

    private SvEmitter(ModuleDef m) {
        this.m = m;
    }

    /** The SystemVerilog text of one module (not for black boxes). */
    public static String emit(ModuleDef m) {
        return new SvEmitter(m).run();
    }

    private String run() {
        for (Signal s : m.signals()) {
            signals.put(s.name(), s);
        }
        classifyConnects();
        hoistMultiplies();
        header();
        declarations();
        instances();
        combinational();
        sequential();
        verification();
        unused();
        out.append("endmodule\n\n`default_nettype wire\n");
        return out.toString();
    }

    // ------------------------------------------------------------------ analysis

    private void classifyConnects() {
        for (Stmt s : m.body()) {
            if (s instanceof Stmt.Connect c) {
                topLevel.computeIfAbsent(c.target(), k -> new ArrayList<>(1)).add(c);
            } else {
                conditional.addAll(targets(s));
            }
        }
        // a pin the parent also reads stays a declared wire: its inlined value would leave the read dangling
        Set<String> read = new HashSet<>();
        Walk.reads(m.body(), e -> Walk.refs(e, r -> read.add(r.name())));
        for (Signal s : m.signals()) {
            List<Stmt.Connect> cs = topLevel.get(s.name());
            if (s.kind() == Signal.Kind.INSTANCE_INPUT && cs != null && cs.size() == 1 && !conditional.contains(s.name())
                    && !read.contains(s.name())
                    && !(cs.get(0).value() instanceof Expr.Binary b && b.op() == Expr.BinOp.MUL)) {
                inlinedPins.put(s.name(), cs.get(0).value());
            }
        }
    }

    /** Targets connected anywhere under a statement (memoized per node). */
    private Set<String> targets(Stmt s) {
        Set<String> known = targetsUnder.get(s);
        if (known != null) {
            return known;
        }
        Set<String> t = new HashSet<>();
        if (s instanceof Stmt.Connect c) {
            t.add(c.target());
        } else if (s instanceof Stmt.MemWrite w) {
            t.add(w.mem());
        } else if (s instanceof Stmt.Verify || s instanceof Stmt.Display) {
            t.add(VerifyWriter.target(s));
        } else if (s instanceof Stmt.When w) {
            w.then().forEach(x -> t.addAll(targets(x)));
            w.otherwise().forEach(x -> t.addAll(targets(x)));
        } else if (s instanceof Stmt.Switch sw) {
            sw.cases().forEach(k -> k.body().forEach(x -> t.addAll(targets(x))));
            if (sw.otherwise() != null) {
                sw.otherwise().forEach(x -> t.addAll(targets(x)));
            }
        }
        targetsUnder.put(s, t);
        return t;
    }

    /**
     * Verilog sizes a product by its context, not as the sum of its operand widths, so
     * every multiplication gets a signal of the full width, unless it already is the whole
     * right-hand side of a top-level assignment of that width.
     */
    private void hoistMultiplies() {
        Map<String, Integer> perTarget = new HashMap<>();
        for (Stmt s : m.body()) {
            hoistIn(s, perTarget, true);
        }
    }

    private void hoistIn(Stmt s, Map<String, Integer> perTarget, boolean top) {
        if (s instanceof Stmt.Connect c) {
            boolean direct = top && isSimpleAssign(c.target());
            hoistExpr(c.value(), c.target(), perTarget, direct);
        } else if (s instanceof Stmt.MemWrite w) {
            hoistExpr(w.addr(), w.mem(), perTarget, false);
            hoistExpr(w.data(), w.mem(), perTarget, false);
        } else if (s instanceof Stmt.When w) {
            hoistExpr(w.cond(), "cond", perTarget, false);
            w.then().forEach(x -> hoistIn(x, perTarget, false));
            w.otherwise().forEach(x -> hoistIn(x, perTarget, false));
        } else if (s instanceof Stmt.Switch sw) {
            hoistExpr(sw.subject(), "sel", perTarget, false);
            sw.cases().forEach(k -> k.body().forEach(x -> hoistIn(x, perTarget, false)));
            if (sw.otherwise() != null) {
                sw.otherwise().forEach(x -> hoistIn(x, perTarget, false));
            }
        }
    }

    private void hoistExpr(Expr e, String target, Map<String, Integer> perTarget, boolean isWholeRhs) {
        if (e instanceof Expr.Binary b && b.op() == Expr.BinOp.MUL) {
            hoistExpr(b.a(), target, perTarget, false);
            hoistExpr(b.b(), target, perTarget, false);
            // SV sizes a product's operands to the product's width: an operand computed in fewer
            // bits (a wrapping subtraction, say) gets its own signal, so it keeps its own width
            hoistOperand(b.a(), target, perTarget);
            hoistOperand(b.b(), target, perTarget);
            if (!isWholeRhs) {
                hoist(e, target, "_prod", perTarget);
            }
            return;
        }
        Walk.children(e, c -> hoistExpr(c, target, perTarget, false));
    }

    private void hoistOperand(Expr operand, String target, Map<String, Integer> perTarget) {
        boolean selfSized = ExprWriter.atomic(operand) || operand instanceof Expr.Extend || operand instanceof Expr.Slice;
        if (!selfSized) {
            hoist(operand, target, "_op", perTarget);
        }
    }

    /** Gives {@code e} its own signal {@code <target><kind><k>} (once). */
    private void hoist(Expr e, String target, String kind, Map<String, Integer> perTarget) {
        if (hoisted.containsKey(e)) {
            return;
        }
        String name;
        do {
            int k = perTarget.merge(target + kind, 1, Integer::sum) - 1;
            name = target + kind + (k == 0 ? "" : String.valueOf(k));
        } while (taken().contains(name)); // never the name of a user's signal
        taken.add(name);
        hoisted.put(e, name);
        hoistedDecls.add(new String[] {decl(e.width(), e.signed()), name});
    }

    /** Every name the module declares (built on the first hoisted product). */
    private Set<String> taken() {
        if (taken == null) {
            taken = new HashSet<>(signals.keySet());
            m.ports().forEach(p -> taken.add(p.name()));
            m.memories().forEach(x -> taken.add(x.name()));
            m.instances().forEach(x -> taken.add(x.name()));
            taken.addAll(m.localparams().keySet());
        }
        return taken;
    }

    /** Whether the target is driven by exactly one top-level connection and becomes an {@code assign}. */
    private boolean isSimpleAssign(String target) {
        List<Stmt.Connect> cs = topLevel.get(target);
        Signal s = signals.get(target);
        boolean comb = s == null || s.isCombinational();
        return comb && cs != null && cs.size() == 1 && !conditional.contains(target);
    }

    /** The expression with hoisted products replaced by their signals. */
    private String expr(Expr e) {
        if (hoisted.isEmpty()) {
            return ExprWriter.write(e);
        }
        return ExprWriter.write(replaceHoisted(e));
    }

    private Expr replaceHoisted(Expr e) {
        String name = hoisted.get(e);
        if (name != null) {
            return new Expr.Ref(name, e.width(), e.signed());
        }
        return replaceHoistedBelow(e);
    }

    /** The expression with hoisted products below its root replaced by their signals. */
    private Expr replaceHoistedBelow(Expr e) {
        if (e instanceof Expr.Unary u) {
            return new Expr.Unary(u.op(), replaceHoisted(u.a()), u.width(), u.signed());
        } else if (e instanceof Expr.Binary b) {
            return new Expr.Binary(b.op(), replaceHoisted(b.a()), replaceHoisted(b.b()), b.width(), b.signed());
        } else if (e instanceof Expr.Slice s) {
            return new Expr.Slice(replaceHoisted(s.a()), s.hi(), s.lo());
        } else if (e instanceof Expr.Concat c) {
            return new Expr.Concat(c.parts().stream().map(this::replaceHoisted).toList(), c.width());
        } else if (e instanceof Expr.Mux x) {
            return new Expr.Mux(replaceHoisted(x.sel()), replaceHoisted(x.t()), replaceHoisted(x.f()));
        } else if (e instanceof Expr.Extend x) {
            return new Expr.Extend(replaceHoisted(x.a()), x.width(), x.signExtend(), x.signed());
        } else if (e instanceof Expr.Reinterpret x) {
            return new Expr.Reinterpret(replaceHoisted(x.a()), x.signed());
        } else if (e instanceof Expr.MemRead r) {
            return new Expr.MemRead(r.mem(), replaceHoisted(r.addr()), r.width());
        }
        return e;
    }

    // ------------------------------------------------------------------ text

    static String decl(int width, boolean signed) {
        String s = signed ? "logic signed" : "logic";
        return width == 1 && !signed ? s : s + " [" + (width - 1) + ":0]";
    }

    private void header() {
        out.append("// Generated by sohu-hdl from ").append(m.generator()).append(". Do not edit.\n");
        if (!m.params().isEmpty()) {
            out.append("// Parameters:");
            Json.ordered(m.params()).forEach(p -> out.append(' ').append(p.getKey()).append('=').append(p.getValue()));
            out.append('\n');
        }
        out.append("`default_nettype none\n\nmodule ").append(m.name()).append(" (\n");
        int declWidth = 0;
        for (Port p : m.ports()) {
            declWidth = Math.max(declWidth, decl(p.width(), p.signed()).length());
        }
        for (int i = 0; i < m.ports().size(); i++) {
            Port p = m.ports().get(i);
            out.append("  ").append(p.isInput() ? "input  " : "output ");
            pad(decl(p.width(), p.signed()), declWidth);
            out.append(' ').append(p.name()).append(i + 1 < m.ports().size() ? ",\n" : "\n");
        }
        out.append(");\n");
    }

    private void pad(String s, int width) {
        out.append(s);
        for (int i = s.length(); i < width; i++) {
            out.append(' ');
        }
    }

    private void declarations() {
        Map<String, Expr.Lit> used = new TreeMap<>();
        collectSymbols(used);
        if (!used.isEmpty()) {
            out.append('\n');
            List<Map.Entry<String, Expr.Lit>> byValue = new ArrayList<>(used.entrySet());
            byValue.sort(Map.Entry.comparingByValue((x, y) -> x.bits().compareTo(y.bits())));
            byValue.forEach(en -> declareSymbol(en.getKey(), en.getValue()));
        }
        declareSignals();
    }

    private void declareSymbol(String name, Expr.Lit lit) {
        out.append("  localparam logic [").append(lit.width() - 1).append(":0] ")
                .append(name).append(" = ").append(lit.width()).append("'d").append(lit.bits()).append(";\n");
    }

    private void declareSignals() {
        List<String[]> rows = new ArrayList<>();
        for (Signal s : m.signals()) {
            if (!inlinedPins.containsKey(s.name())) {
                rows.add(new String[] {decl(s.width(), s.signed()), s.name()});
            }
        }
        rows.addAll(hoistedDecls);
        for (Memory mem : m.memories()) {
            rows.add(new String[] {decl(mem.width(), false), mem.name() + " [0:" + (mem.depth() - 1) + "]"});
        }
        if (!rows.isEmpty()) {
            out.append('\n');
            int w = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
            for (String[] r : rows) {
                out.append("  ");
                pad(r[0], w);
                out.append(' ').append(r[1]).append(";\n");
            }
        }
        for (Memory mem : m.memories()) {
            if (!mem.init().isEmpty()) {
                out.append("\n  initial begin\n");
                out.append("    for (int i = 0; i < ").append(mem.depth()).append("; i++) begin\n");
                out.append("      ").append(mem.name()).append("[i] = '0;\n    end\n");
                for (int i = 0; i < mem.init().size(); i++) {
                    BigInteger v = mem.init().get(i);
                    if (v.signum() != 0) {
                        out.append("    ").append(mem.name()).append('[').append(i).append("] = ");
                        ExprWriter.literal(new Expr.Lit(v, mem.width(), false), out);
                        out.append(";\n");
                    }
                }
                out.append("  end\n");
            }
        }
    }

    private void collectSymbols(Map<String, Expr.Lit> used) {
        java.util.function.Consumer<Expr> scan = new java.util.function.Consumer<>() {
            @Override
            public void accept(Expr e) {
                if (e instanceof Expr.Lit l && l.symbol() != null) {
                    used.put(l.symbol(), l);
                }
                Walk.children(e, this);
            }
        };
        Walk.exprs(m.body(), scan, true);
    }

    private void instances() {
        for (Instance inst : m.instances()) {
            out.append('\n').append("  ").append(inst.module()).append(' ').append(inst.name()).append(" (\n");
            int w = inst.pins().stream().mapToInt(p -> p.port().length()).max().orElse(0);
            for (int i = 0; i < inst.pins().size(); i++) {
                Instance.Pin p = inst.pins().get(i);
                out.append("    .");
                pad(p.port(), w);
                Expr inl = inlinedPins.get(p.signal());
                out.append(" (");
                if (inl == null) {
                    out.append(p.signal());
                } else if (hoisted.isEmpty()) {
                    ExprWriter.write(inl, out);
                } else {
                    out.append(expr(inl));
                }
                out.append(i + 1 < inst.pins().size() ? "),\n" : ")\n");
            }
            out.append("  );\n");
        }
    }

    private void combinational() {
        boolean first = true;
        for (Map.Entry<Expr, String> h : orderedHoisted()) {
            first = blank(first);
            out.append("  assign ").append(h.getValue()).append(" = ")
                    .append(ExprWriter.write(replaceHoistedBelow(h.getKey()))).append(";\n");
        }
        Set<String> combTargets = new LinkedHashSet<>();
        for (Port p : m.ports()) {
            if (!p.isInput()) {
                combTargets.add(p.name());
            }
        }
        for (Signal s : m.signals()) {
            if (s.isCombinational() && !inlinedPins.containsKey(s.name())) {
                combTargets.add(s.name());
            }
        }
        for (String t : combTargets) {
            if (isSimpleAssign(t)) {
                first = blank(first);
                out.append("  assign ").append(t).append(" = ").append(expr(topLevel.get(t).get(0).value())).append(";\n");
            }
        }
        for (String t : combTargets) {
            if (!isSimpleAssign(t) && (topLevel.containsKey(t) || conditional.contains(t))) {
                out.append("\n  always_comb begin\n");
                statements(m.body(), t::equals, "    ", " = ");
                out.append("  end\n");
            }
        }
    }

    private List<Map.Entry<Expr, String>> orderedHoisted() {
        Map<String, Expr> byName = new LinkedHashMap<>();
        for (String[] d : hoistedDecls) {
            byName.put(d[1], null);
        }
        hoisted.forEach((e, n) -> byName.put(n, e));
        List<Map.Entry<Expr, String>> list = new ArrayList<>();
        byName.forEach((n, e) -> list.add(Map.entry(e, n)));
        return list;
    }

    private boolean blank(boolean first) {
        if (first) {
            out.append('\n');
        }
        return false;
    }

    private void sequential() {
        Map<String, Stmt.ClockDomain> domainOf = new HashMap<>();
        List<Stmt.ClockDomain> domains = VerifyWriter.domains(m);
        domains.forEach(d -> d.members().forEach(n -> domainOf.put(n, d)));
        sequential(null, n -> !domainOf.containsKey(n));
        for (Stmt.ClockDomain d : domains) {
            sequential(d, n -> domainOf.get(n) == d);
        }
    }

    /** The registers and memories of one domain (null: the implicit clk and rst). */
    private void sequential(Stmt.ClockDomain d, Predicate<String> inDomain) {
        Set<String> withReset = new HashSet<>();
        Set<String> withoutReset = new HashSet<>();
        for (Signal s : m.signals()) {
            if (s.kind() == Signal.Kind.REG && inDomain.test(s.name())) {
                (s.reset() != null ? withReset : withoutReset).add(s.name());
            }
        }
        for (Memory mem : m.memories()) {
            if (inDomain.test(mem.name())) {
                withoutReset.add(mem.name());
            }
        }
        String clk = d == null ? "clk" : d.clock();
        if (!withReset.isEmpty()) {
            out.append('\n');
            VerifyWriter.resetHeader(d, m.resetAsync(), out);
            for (Signal s : m.signals()) {
                if (withReset.contains(s.name())) {
                    out.append("      ").append(s.name()).append(" <= ");
                    ExprWriter.literal(new Expr.Lit(s.reset(), s.width(), s.signed()), out);
                    out.append(";\n");
                }
            }
            out.append("    end else begin\n");
            statements(m.body(), withReset::contains, "      ", " <= ");
            out.append("    end\n  end\n");
        }
        if (!withoutReset.isEmpty()) {
            out.append("\n  always_ff @(posedge ").append(clk).append(") begin\n");
            statements(m.body(), withoutReset::contains, "    ", " <= ");
            out.append("  end\n");
        }
    }

    /** Assertions, cover points and prints, one block per clock, hidden from synthesis. */
    private void verification() {
        Set<String> blocks = new java.util.TreeSet<>();
        for (Stmt s : m.body()) {
            if (!(s instanceof Stmt.Connect || s instanceof Stmt.MemWrite || s instanceof Stmt.ClockDomain)) {
                targets(s).stream().filter(VerifyWriter::isTarget).forEach(blocks::add);
            }
        }
        if (blocks.isEmpty()) {
            return;
        }
        out.append("\n`ifndef SYNTHESIS\n  // Assertions, assumptions, cover points and prints: simulation and formal only.\n");
        VerifyWriter.coverCounters(m.body(), out);
        for (String block : blocks) {
            out.append('\n');
            boolean reset = VerifyWriter.blockHeader(m, block, out);
            statements(m.body(), block::equals, reset ? "      " : "    ", "");
            out.append(reset ? "    end\n  end\n" : "  end\n");
        }
        out.append("`endif\n");
    }

    /** Writes the statements that drive a target accepted by {@code keep}, pruning the rest. */
    private void statements(List<Stmt> body, Predicate<String> keep, String indent, String assign) {
        for (Stmt s : body) {
            if (s instanceof Stmt.Connect c) {
                if (keep.test(c.target())) {
                    out.append(indent).append(c.target()).append(assign).append(expr(c.value())).append(";\n");
                }
            } else if (s instanceof Stmt.MemWrite w) {
                if (keep.test(w.mem())) {
                    out.append(indent).append(w.mem()).append('[').append(expr(w.addr())).append("] <= ")
                            .append(expr(w.data())).append(";\n");
                }
            } else if (s instanceof Stmt.Verify || s instanceof Stmt.Display) {
                if (keep.test(VerifyWriter.target(s))) {
                    VerifyWriter.statement(s, indent, out, this::expr);
                }
            } else if (targets(s).stream().anyMatch(keep)) {
                if (s instanceof Stmt.When w) {
                    when(w, keep, indent, assign);
                } else {
                    switchStmt((Stmt.Switch) s, keep, indent, assign);
                }
            }
        }
    }

    /** The whole name if no bit is read, else each maximal run of unread bits ({@code x[7:4]}). */
    private static void unreadBits(String name, int width, Map<String, java.util.BitSet> partial, List<String> out) {
        java.util.BitSet read = partial.get(name);
        if (read == null) {
            out.add(name);
            return;
        }
        for (int lo = read.nextClearBit(0); lo < width; lo = read.nextClearBit(lo)) {
            int hi = Math.min(width, read.nextSetBit(lo) < 0 ? width : read.nextSetBit(lo)) - 1;
            out.add(hi == lo ? name + "[" + lo + "]" : name + "[" + hi + ":" + lo + "]");
            lo = hi + 1;
        }
    }

    private boolean drives(List<Stmt> body, Predicate<String> keep) {
        for (Stmt s : body) {
            if (targets(s).stream().anyMatch(keep)) {
                return true;
            }
        }
        return false;
    }

    private void when(Stmt.When w, Predicate<String> keep, String indent, String assign) {
        boolean thenPart = drives(w.then(), keep);
        boolean elsePart = drives(w.otherwise(), keep);
        out.append(indent).append("if (").append(thenPart ? expr(w.cond()) : "!(" + expr(w.cond()) + ")").append(") begin\n");
        statements(thenPart ? w.then() : w.otherwise(), keep, indent + "  ", assign);
        if (thenPart && elsePart) {
            if (w.otherwise().size() == 1 && w.otherwise().get(0) instanceof Stmt.When nested) {
                out.append(indent).append("end else ");
                int mark = out.length();
                when(nested, keep, indent, assign);
                // "else if" reads better than a nested block: drop the nested indent
                out.delete(mark, mark + indent.length());
                return;
            }
            out.append(indent).append("end else begin\n");
            statements(w.otherwise(), keep, indent + "  ", assign);
        }
        out.append(indent).append("end\n");
    }

    private void switchStmt(Stmt.Switch sw, Predicate<String> keep, String indent, String assign) {
        out.append(indent).append("case (").append(expr(sw.subject())).append(")\n");
        // Arms that drive nothing here can go, unless the default arm would then take their values.
        boolean defaultDrives = sw.otherwise() != null && drives(sw.otherwise(), keep);
        for (Stmt.Case k : sw.cases()) {
            if (!defaultDrives && !drives(k.body(), keep)) {
                continue;
            }
            out.append(indent).append("  ");
            for (int i = 0; i < k.values().size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                ExprWriter.literal(k.values().get(i), out);
            }
            out.append(": begin\n");
            statements(k.body(), keep, indent + "    ", assign);
            out.append(indent).append("  end\n");
        }
        out.append(indent).append("  default: begin\n");
        if (sw.otherwise() != null) {
            statements(sw.otherwise(), keep, indent + "    ", assign);
        }
        out.append(indent).append("  end\n");
        out.append(indent).append("endcase\n");
    }

    /**
     * The bits no expression reads go into {@code _unused_ok}, so -Wall stays silent:
     * whole signals that nothing reads, and exactly the unread bits of signals read in part.
     */
    private void unused() {
        Set<String> full = new HashSet<>();
        Map<String, java.util.BitSet> partial = new HashMap<>();
        java.util.function.Consumer<Expr> scan = new java.util.function.Consumer<>() {
            @Override
            public void accept(Expr e) {
                if (e instanceof Expr.Ref r) {
                    full.add(r.name());
                } else if (e instanceof Expr.Slice s && s.a() instanceof Expr.Ref r) {
                    if (s.width() == r.width()) {
                        full.add(r.name());
                    } else {
                        partial.computeIfAbsent(r.name(), k -> new java.util.BitSet()).set(s.lo(), s.hi() + 1);
                    }
                } else if (e instanceof Expr.Slice s && hoisted.containsKey(s.a())) {
                    // a product read in part: its unread bits go to _unused_ok
                    Expr product = s.a();
                    Walk.children(product, this);
                    if (s.width() == product.width()) {
                        full.add(hoisted.get(product));
                    } else {
                        partial.computeIfAbsent(hoisted.get(product), k -> new java.util.BitSet()).set(s.lo(), s.hi() + 1);
                    }
                } else {
                    if (hoisted.containsKey(e)) {
                        full.add(hoisted.get(e));
                    }
                    Walk.children(e, this);
                }
            }
        };
        Walk.exprs(m.body(), scan, false);
        inlinedPins.values().forEach(scan);
        for (Signal s : m.signals()) {
            if (s.kind() == Signal.Kind.INSTANCE_INPUT) {
                full.add(s.name()); // read by the instance
            }
        }
        for (Instance inst : m.instances()) {
            for (Instance.Pin p : inst.pins()) {
                if (!signals.containsKey(p.signal())) {
                    full.add(p.signal()); // the implicit clock and reset
                }
            }
        }
        boolean clocked = !m.memories().isEmpty() || m.signals().stream().anyMatch(s -> s.kind() == Signal.Kind.REG);
        boolean reset = m.signals().stream().anyMatch(s -> s.kind() == Signal.Kind.REG && s.reset() != null);
        if (clocked) {
            full.add("clk");
        }
        VerifyWriter.domains(m).forEach(d -> {
            full.add(d.clock());
            if (d.reset() != null) {
                full.add(d.reset());
            }
        });
        if (reset) {
            full.add("rst");
        }
        List<String> unread = new ArrayList<>();
        for (Port p : m.ports()) {
            if (p.isInput() && !full.contains(p.name())) {
                unreadBits(p.name(), p.width(), partial, unread);
            }
        }
        for (Signal s : m.signals()) {
            if (!s.isCombinational() || s.kind() == Signal.Kind.WIRE) {
                if (!full.contains(s.name())) {
                    unreadBits(s.name(), s.width(), partial, unread);
                }
            }
        }
        Map<String, Integer> productWidth = new HashMap<>();
        hoisted.forEach((e, n) -> productWidth.put(n, e.width()));
        for (String[] d : hoistedDecls) {
            if (!full.contains(d[1])) {
                unreadBits(d[1], productWidth.get(d[1]), partial, unread);
            }
        }
        if (!unread.isEmpty()) {
            out.append("\n  // Not read, by design (whole signals and the unread bits of others).\n");
            out.append("  wire _unused_ok = &{1'b0");
            for (int i = 0; i < unread.size(); i++) {
                // a few names per line: Verilator refuses lines of more than 40,000 tokens
                out.append(i % 8 == 0 ? ",\n    " : ", ").append(unread.get(i));
            }
            out.append(",\n    1'b0};\n");
        }
    }
}
