package sohu.hdl.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import sohu.hdl.Diagnostic;
import sohu.hdl.ir.Circuit;
import sohu.hdl.ir.Expr;
import sohu.hdl.ir.Instance;
import sohu.hdl.ir.Memory;
import sohu.hdl.ir.ModuleDef;
import sohu.hdl.ir.Port;
import sohu.hdl.ir.Signal;
import sohu.hdl.ir.SourceLoc;
import sohu.hdl.ir.Stmt;
import sohu.hdl.lib.BitSynchronizer;
import sohu.hdl.lib.HandshakeSynchronizer;

/**
 * No value crosses clock domains except through a library synchronizer. In each module
 * with declared clock domains, every register, memory, instance input of a clocked
 * submodule and port declared in a domain must depend (through combinational logic,
 * including the conditions that guard its update) only on registers, memories, ports and
 * clocked instances of its own domain. Combinational submodules pass their inputs' domains
 * through; the pins of {@link BitSynchronizer} and {@link HandshakeSynchronizer} are
 * exempt, and so are those modules themselves. Ports declared outside any domain are not
 * checked.
 */
public final class ClockCrossingCheck implements Check {
    /** Domain of everything declared outside {@code withClock}. */
    private static final String DEFAULT = "clk";
    private static final Set<String> SYNCHRONIZERS = Set.of(BitSynchronizer.class.getName(), HandshakeSynchronizer.class.getName());

    @Override
    public String name() {
        return "clock-crossing";
    }

    @Override
    public List<Diagnostic> run(Circuit circuit) {
        List<Diagnostic> out = new ArrayList<>();
        for (ModuleDef m : circuit.modules()) {
            if (!m.isBlackBox() && !SYNCHRONIZERS.contains(m.generator()) && hasDomains(m)) {
                new ModuleScan(circuit, m, out).run();
            }
        }
        return out;
    }

    private static boolean hasDomains(ModuleDef m) {
        for (int i = m.body().size() - 1; i >= 0; i--) {
            if (m.body().get(i) instanceof Stmt.ClockDomain) {
                return true;
            }
        }
        return false;
    }

    /** One module: domains of sinks and sources, then every update checked. */
    private final class ModuleScan {
        private final Circuit circuit;
        private final ModuleDef m;
        private final List<Diagnostic> out;
        private final Map<String, String> domainOf = new HashMap<>();
        private final Set<String> clocksAndResets = new HashSet<>(Set.of(DEFAULT, "rst"));
        private final Map<String, Signal> signals = new HashMap<>();
        private final Map<String, Port> ports = new HashMap<>();
        private final Set<String> memories = new HashSet<>();
        private final Map<String, Instance> pinOwner = new HashMap<>();
        private final Map<String, List<Driver>> drivers = new HashMap<>();
        private final Map<String, Map<String, String>> sources = new HashMap<>();
        private final Set<String> reported = new HashSet<>();

        /** One update of a target: the value, the guarding conditions and where it was written. */
        private record Driver(String target, List<Expr> exprs, SourceLoc loc) { }

        ModuleScan(Circuit circuit, ModuleDef m, List<Diagnostic> out) {
            this.circuit = circuit;
            this.m = m;
            this.out = out;
        }

        void run() {
            for (Stmt s : m.body()) {
                if (s instanceof Stmt.ClockDomain d) {
                    d.members().forEach(n -> domainOf.put(n, d.clock()));
                    clocksAndResets.add(d.clock());
                    if (d.reset() != null) {
                        clocksAndResets.add(d.reset());
                    }
                }
            }
            m.signals().forEach(s -> signals.put(s.name(), s));
            m.ports().forEach(p -> ports.put(p.name(), p));
            m.memories().forEach(x -> memories.add(x.name()));
            for (Instance inst : m.instances()) {
                inst.pins().forEach(p -> pinOwner.put(p.signal(), inst));
            }
            List<Driver> all = new ArrayList<>();
            collect(m.body(), new ArrayList<>(), all);
            all.forEach(d -> drivers.computeIfAbsent(d.target(), k -> new ArrayList<>(1)).add(d));
            for (Driver d : all) {
                String dom = sinkDomain(d.target());
                if (dom != null && !reported.contains(d.target())) {
                    check(d, dom);
                }
            }
        }

        private void collect(List<Stmt> body, List<Expr> conds, List<Driver> all) {
            for (Stmt s : body) {
                if (s instanceof Stmt.Connect c) {
                    all.add(new Driver(c.target(), with(conds, c.value()), c.loc()));
                } else if (s instanceof Stmt.MemWrite w) {
                    List<Expr> e = with(conds, w.addr());
                    e.add(w.data());
                    all.add(new Driver(w.mem(), e, w.loc()));
                } else if (s instanceof Stmt.When w) {
                    conds.add(w.cond());
                    collect(w.then(), conds, all);
                    collect(w.otherwise(), conds, all);
                    conds.remove(conds.size() - 1);
                } else if (s instanceof Stmt.Switch sw) {
                    conds.add(sw.subject());
                    sw.cases().forEach(k -> collect(k.body(), conds, all));
                    if (sw.otherwise() != null) {
                        collect(sw.otherwise(), conds, all);
                    }
                    conds.remove(conds.size() - 1);
                }
            }
        }

        private List<Expr> with(List<Expr> conds, Expr e) {
            List<Expr> l = new ArrayList<>(conds.size() + 2);
            l.addAll(conds);
            l.add(e);
            return l;
        }

        /** The domain a target is updated in, or null when it is not checked. */
        private String sinkDomain(String target) {
            Signal s = signals.get(target);
            if (memories.contains(target) || (s != null && s.kind() == Signal.Kind.REG)) {
                return domainOf.getOrDefault(target, DEFAULT);
            }
            if (s != null && s.kind() == Signal.Kind.INSTANCE_INPUT) {
                Instance inst = pinOwner.get(target);
                return inst != null && kind(inst) == Child.CLOCKED ? instanceDomain(inst) : null;
            }
            return ports.containsKey(target) ? domainOf.get(target) : null;
        }

        private void check(Driver d, String dom) {
            Map<String, String> from = new LinkedHashMap<>();
            d.exprs().forEach(e -> exprSources(e, from));
            for (Map.Entry<String, String> e : from.entrySet()) {
                if (!e.getKey().equals(dom)) {
                    reported.add(d.target());
                    Signal s = signals.get(d.target());
                    String what = memories.contains(d.target()) ? "memory" : s != null && s.kind() == Signal.Kind.REG ? "register"
                            : s != null ? "instance input" : "output";
                    out.add(new Diagnostic(name(), what + " '" + d.target() + "' of clock domain " + dom + " in module " + m.name()
                            + " reads '" + e.getValue() + "' of clock domain " + e.getKey() + " without a synchronizer",
                            "synchronize it into " + dom + " first: a one-bit level through sohu.hdl.lib.BitSynchronizer "
                                    + "instantiated inside withClock(" + dom + ", ...), a multi-bit value through "
                                    + "sohu.hdl.lib.HandshakeSynchronizer", d.loc()));
                    return;
                }
            }
        }

        private void exprSources(Expr e, Map<String, String> into) {
            if (e instanceof Expr.Ref r) {
                signalSources(r.name()).forEach(into::putIfAbsent);
                return;
            }
            if (e instanceof Expr.MemRead r) {
                into.putIfAbsent(domainOf.getOrDefault(r.mem(), DEFAULT), r.mem());
            }
            Walk.children(e, c -> exprSources(c, into));
        }

        /** Domain to one signal of that domain the value depends on. */
        private Map<String, String> signalSources(String n) {
            Map<String, String> known = sources.get(n);
            if (known != null) {
                return known;
            }
            Map<String, String> found = new LinkedHashMap<>();
            sources.put(n, found); // an empty answer while in progress breaks cycles
            if (clocksAndResets.contains(n)) {
                return found;
            }
            Signal s = signals.get(n);
            if (s != null && s.kind() == Signal.Kind.REG) {
                found.put(domainOf.getOrDefault(n, DEFAULT), n);
            } else if (ports.containsKey(n) && ports.get(n).isInput()) {
                String dom = domainOf.get(n);
                if (dom != null) {
                    found.put(dom, n);
                }
            } else if (s != null && s.kind() == Signal.Kind.INSTANCE_OUTPUT) {
                Instance inst = pinOwner.get(n);
                Child k = kind(inst);
                if (k == Child.CLOCKED || (k == Child.SYNCHRONIZER && childHasClock(inst))) {
                    found.put(instanceDomain(inst), n);
                } else if (k == Child.COMBINATIONAL) {
                    for (Instance.Pin p : inst.pins()) {
                        Signal pin = signals.get(p.signal());
                        if (pin != null && pin.kind() == Signal.Kind.INSTANCE_INPUT) {
                            signalSources(p.signal()).forEach(found::putIfAbsent);
                        }
                    }
                }
            } else {
                for (Driver d : drivers.getOrDefault(n, List.of())) {
                    d.exprs().forEach(e -> exprSources(e, found));
                }
            }
            return found;
        }

        private String instanceDomain(Instance inst) {
            return domainOf.getOrDefault(inst.name(), DEFAULT);
        }

        private boolean childHasClock(Instance inst) {
            return circuit.module(inst.module()).port(DEFAULT) != null;
        }

        private Child kind(Instance inst) {
            ModuleDef child = circuit.module(inst.module());
            if (SYNCHRONIZERS.contains(child.generator())) {
                return Child.SYNCHRONIZER;
            }
            return child.port(DEFAULT) != null || child.isBlackBox() ? Child.CLOCKED : Child.COMBINATIONAL;
        }
    }

    /** How a submodule's pins relate to domains. */
    private enum Child { CLOCKED, COMBINATIONAL, SYNCHRONIZER }
}
