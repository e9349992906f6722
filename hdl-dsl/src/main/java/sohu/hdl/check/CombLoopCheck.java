package sohu.hdl.check;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import sohu.hdl.Diagnostic;
import sohu.hdl.ir.Circuit;
import sohu.hdl.ir.Expr;
import sohu.hdl.ir.Instance;
import sohu.hdl.ir.ModuleDef;
import sohu.hdl.ir.Port;
import sohu.hdl.ir.Signal;
import sohu.hdl.ir.SourceLoc;

/**
 * No combinational loops, including loops through submodules: each module is summarized
 * by which outputs depend combinationally on which inputs, and parents use the summary
 * for their instances. Registers and memories break paths. Black boxes are assumed to
 * have registered outputs.
 */
public final class CombLoopCheck implements Check {

    @Override
    public String name() {
        return "comb-loop";
    }

    @Override
    public List<Diagnostic> run(Circuit circuit) {
        List<Diagnostic> out = new ArrayList<>();
        Map<String, Map<String, Set<String>>> summaries = new HashMap<>();
        for (ModuleDef m : circuit.modules()) {
            summaries.put(m.name(), m.isBlackBox() ? Map.of() : analyze(m, summaries, out));
        }
        return out;
    }

    /** Graph of one module: node i depends on the nodes in deps(i). Int arrays: it can have millions of nodes. */
    private static final class Graph {
        final Map<String, Integer> index = new HashMap<>();
        final List<String> names = new ArrayList<>();
        final List<SourceLoc> locs = new ArrayList<>();
        private int[][] adj = new int[64][];
        private int[] degree = new int[64];

        int size() {
            return names.size();
        }

        int node(String n) {
            Integer i = index.get(n);
            if (i == null) {
                i = names.size();
                index.put(n, i);
                names.add(n);
                locs.add(null);
                if (i == adj.length) {
                    adj = Arrays.copyOf(adj, i * 2);
                    degree = Arrays.copyOf(degree, i * 2);
                }
            }
            return i;
        }

        void edge(int from, int to) {
            int[] a = adj[from];
            if (a == null) {
                a = adj[from] = new int[2];
            } else if (degree[from] == a.length) {
                a = adj[from] = Arrays.copyOf(a, a.length * 2);
            }
            a[degree[from]++] = to;
        }

        void located(int node, SourceLoc loc) {
            if (locs.get(node) == null) {
                locs.set(node, loc);
            }
        }

        int degree(int n) {
            return degree[n];
        }

        int dep(int n, int k) {
            return adj[n][k];
        }
    }

    private Map<String, Set<String>> analyze(ModuleDef m, Map<String, Map<String, Set<String>>> summaries, List<Diagnostic> out) {
        Set<String> combSources = new HashSet<>();
        Set<String> inputs = new HashSet<>();
        for (Port p : m.ports()) {
            combSources.add(p.name());
            if (p.isInput()) {
                inputs.add(p.name());
            }
        }
        for (Signal s : m.signals()) {
            if (s.kind() != Signal.Kind.REG) {
                combSources.add(s.name());
            }
        }
        Graph g = new Graph();
        Walk.connects(m.body(), (c, conds) -> {
            if (!combSources.contains(c.target()) || inputs.contains(c.target())) {
                return; // registers break the path
            }
            int target = g.node(c.target());
            g.located(target, c.loc());
            java.util.function.Consumer<Expr.Ref> add = r -> {
                if (combSources.contains(r.name())) {
                    g.edge(target, g.node(r.name()));
                }
            };
            Walk.refs(c.value(), add);
            for (Expr cond : conds) {
                Walk.refs(cond, add);
            }
        });
        for (Instance inst : m.instances()) {
            Map<String, Set<String>> summary = summaries.getOrDefault(inst.module(), Map.of());
            if (summary.isEmpty()) {
                continue;
            }
            Map<String, String> pinSignal = new HashMap<>();
            for (Instance.Pin p : inst.pins()) {
                pinSignal.put(p.port(), p.signal());
            }
            summary.forEach((outPort, inPorts) -> {
                int target = g.node(pinSignal.get(outPort));
                g.located(target, inst.loc());
                for (String in : inPorts) {
                    g.edge(target, g.node(pinSignal.get(in)));
                }
            });
        }
        boolean loops = reportCycles(m, g, out);
        Map<String, Set<String>> summary = new HashMap<>();
        if (!loops) {
            for (Port p : m.ports()) {
                if (!p.isInput() && g.index.containsKey(p.name())) {
                    summary.put(p.name(), reachableInputs(g, g.index.get(p.name()), inputs));
                }
            }
        }
        return summary;
    }

    private static Set<String> reachableInputs(Graph g, int from, Set<String> inputs) {
        Set<String> found = new HashSet<>();
        BitSet seen = new BitSet();
        ArrayDeque<Integer> work = new ArrayDeque<>();
        work.push(from);
        seen.set(from);
        while (!work.isEmpty()) {
            int n = work.pop();
            if (inputs.contains(g.names.get(n))) {
                found.add(g.names.get(n));
            }
            for (int k = 0; k < g.degree(n); k++) {
                int d = g.dep(n, k);
                if (!seen.get(d)) {
                    seen.set(d);
                    work.push(d);
                }
            }
        }
        return found;
    }

    /** Tarjan's strongly connected components, iteratively; reports each cycle once. */
    private boolean reportCycles(ModuleDef m, Graph g, List<Diagnostic> out) {
        int n = g.size();
        int[] index = new int[n];
        int[] low = new int[n];
        int[] edgePos = new int[n];
        Arrays.fill(index, -1);
        boolean[] onStack = new boolean[n];
        ArrayDeque<Integer> stack = new ArrayDeque<>();
        ArrayDeque<Integer> call = new ArrayDeque<>();
        int counter = 0;
        boolean found = false;
        for (int root = 0; root < n; root++) {
            if (index[root] >= 0) {
                continue;
            }
            call.push(root);
            index[root] = low[root] = counter++;
            stack.push(root);
            onStack[root] = true;
            while (!call.isEmpty()) {
                int v = call.peek();
                if (edgePos[v] < g.degree(v)) {
                    int w = g.dep(v, edgePos[v]++);
                    if (index[w] < 0) {
                        index[w] = low[w] = counter++;
                        stack.push(w);
                        onStack[w] = true;
                        call.push(w);
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                    continue;
                }
                call.pop();
                if (!call.isEmpty()) {
                    int parent = call.peek();
                    low[parent] = Math.min(low[parent], low[v]);
                }
                if (low[v] == index[v]) {
                    List<Integer> members = new ArrayList<>();
                    int w;
                    do {
                        w = stack.pop();
                        onStack[w] = false;
                        members.add(w);
                    } while (w != v);
                    boolean selfLoop = false;
                    for (int k = 0; k < g.degree(v) && members.size() == 1; k++) {
                        selfLoop |= g.dep(v, k) == v;
                    }
                    if (members.size() > 1 || selfLoop) {
                        found = true;
                        List<String> path = cyclePath(g, members);
                        SourceLoc at = g.locs.get(g.index.get(path.get(0)));
                        out.add(new Diagnostic(name(), "combinational loop in module " + m.name() + " through "
                                + String.join(" -> ", path.subList(0, Math.min(9, path.size())))
                                + (path.size() > 9 ? " -> ... -> " + path.get(0) : ""),
                                "break the loop with a register (reg(...)) or remove the dependency", at == null ? m.loc() : at));
                    }
                }
            }
        }
        return found;
    }

    /**
     * One concrete cycle inside a strongly connected component, starting at the member
     * declared first (so reports are stable), as names ending where they began.
     */
    private static List<String> cyclePath(Graph g, List<Integer> members) {
        int start = members.stream().min(Integer::compare).orElseThrow();
        BitSet inScc = new BitSet();
        members.forEach(inScc::set);
        Map<Integer, Integer> parent = new HashMap<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(start);
        int last = start;
        search:
        while (!queue.isEmpty()) {
            int n = queue.poll();
            for (int k = 0; k < g.degree(n); k++) {
                int d = g.dep(n, k);
                if (d == start) {
                    last = n;
                    break search;
                }
                if (inScc.get(d) && !parent.containsKey(d)) {
                    parent.put(d, n);
                    queue.add(d);
                }
            }
        }
        List<String> path = new ArrayList<>();
        for (int n = last; n != start; n = parent.get(n)) {
            path.add(g.names.get(n));
        }
        path.add(g.names.get(start));
        java.util.Collections.reverse(path);
        path.add(g.names.get(start));
        return path;
    }
}
