package sohu.hdl.check;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import sohu.hdl.Diagnostic;
import sohu.hdl.ir.ModuleDef;
import sohu.hdl.ir.Port;
import sohu.hdl.ir.Signal;
import sohu.hdl.ir.SourceLoc;
import sohu.hdl.ir.Stmt;

/**
 * Every combinational signal (output, wire, instance input) is driven on every path
 * (else: undriven, or a latch); no signal is driven twice in one scope; every register
 * is driven somewhere.
 */
public final class DriverCheck extends PerModuleCheck {

    @Override
    public String name() {
        return "drivers";
    }

    @Override
    void checkModule(ModuleDef m, List<Diagnostic> out) {
        Map<String, SourceLoc> firstDriver = new HashMap<>();
        Set<String> definite = definitelyAssigned(m.body(), firstDriver, m, out);
        for (Port p : m.ports()) {
            if (!p.isInput()) {
                checkDriven(m, p.name(), Signal.Kind.WIRE, true, p.loc(), firstDriver, definite, out);
            }
        }
        for (Signal s : m.signals()) {
            if (s.isCombinational()) {
                checkDriven(m, s.name(), s.kind(), false, s.loc(), firstDriver, definite, out);
            } else if (s.kind() == Signal.Kind.REG && !firstDriver.containsKey(s.name())) {
                out.add(new Diagnostic(name(), "register '" + s.name() + "' in module " + m.name() + " is never driven",
                        "drive it (r.set(...)) or remove it", s.loc()));
            }
        }
    }

    private void checkDriven(ModuleDef m, String sig, Signal.Kind kind, boolean port, SourceLoc declared,
                             Map<String, SourceLoc> firstDriver, Set<String> definite, List<Diagnostic> out) {
        SourceLoc driver = firstDriver.get(sig);
        if (driver != null && definite.contains(sig)) {
            return;
        }
        String what = port ? "output '" + sig + "'"
                : kind == Signal.Kind.WIRE ? "wire '" + sig + "'" : "instance input pin '" + sig + "'";
        if (driver == null) {
            out.add(new Diagnostic(name(), what + " in module " + m.name() + " is never driven",
                    "connect it (x.set(...)) on every path, or remove it", declared));
        } else {
            out.add(new Diagnostic("latch", what + " in module " + m.name()
                    + " is not driven on every path, which would infer a latch",
                    "drive a default before the when (x.set(0)) or add an otherwise branch", driver));
        }
    }

    /** Targets assigned on every path through {@code body}; records first drivers and same-scope duplicates. */
    private Set<String> definitelyAssigned(List<Stmt> body, Map<String, SourceLoc> firstDriver, ModuleDef m, List<Diagnostic> out) {
        Set<String> nested = new HashSet<>();
        Map<String, SourceLoc> inScope = new HashMap<>();
        for (Stmt s : body) {
            if (s instanceof Stmt.Connect c) {
                firstDriver.putIfAbsent(c.target(), c.loc());
                SourceLoc earlier = inScope.putIfAbsent(c.target(), c.loc());
                if (earlier != null) {
                    out.add(new Diagnostic("drivers", "'" + c.target() + "' in module " + m.name()
                            + " has more than one driver in the same scope (also driven at " + earlier + ")",
                            "drive it once per scope; use when/otherwise to choose between values", c.loc()));
                }
            } else if (s instanceof Stmt.When w) {
                Set<String> a = definitelyAssigned(w.then(), firstDriver, m, out);
                Set<String> b = definitelyAssigned(w.otherwise(), firstDriver, m, out);
                a.retainAll(b);
                nested.addAll(a);
            } else if (s instanceof Stmt.Switch sw) {
                Set<String> all = null;
                for (Stmt.Case k : sw.cases()) {
                    Set<String> a = definitelyAssigned(k.body(), firstDriver, m, out);
                    if (all == null) {
                        all = a;
                    } else {
                        all.retainAll(a);
                    }
                }
                boolean complete = sw.otherwise() != null
                        || (sw.subject().width() < 31 && sw.cases().size() >= (1 << sw.subject().width()));
                if (sw.otherwise() != null) {
                    Set<String> a = definitelyAssigned(sw.otherwise(), firstDriver, m, out);
                    if (all == null) {
                        all = a;
                    } else {
                        all.retainAll(a);
                    }
                }
                if (complete && all != null) {
                    nested.addAll(all);
                }
            }
        }
        if (nested.isEmpty()) {
            return inScope.keySet(); // a view; callers may narrow it, the map is not used again
        }
        nested.addAll(inScope.keySet());
        return nested;
    }
}
