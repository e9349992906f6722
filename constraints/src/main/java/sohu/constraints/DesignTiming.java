package sohu.constraints;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import sohu.hdl.ir.ModuleDef;
import sohu.hdl.ir.Port;
import sohu.hdl.ir.Stmt;

/**
 * The one description every constraint file is written from: the top module's clock domains,
 * each with its clock, reset and data ports (in declaration order), and the timing intent.
 * The language's conventions decide the roles: the implicit domain's clock is the 1-bit input
 * {@code clk} and its reset the 1-bit input {@code rst}; a named domain
 * ({@code clockDomain(...)}, an IR {@link Stmt.ClockDomain}) has its own clock and reset ports
 * and owns the ports declared inside it; every other port belongs to the implicit domain.
 *
 * @param top module name
 * @param domains the implicit domain first (when it has a clock or ports), then the named
 *                domains in declaration order; never empty
 * @param spec timing intent
 */
public record DesignTiming(String top, List<Domain> domains, FlowSpec spec) {
    /** Port name of the clock, by the language's convention. */
    public static final String CLOCK_PORT = "clk";
    /** Port name of the reset, by the language's convention. */
    public static final String RESET_PORT = "rst";

    /**
     * One clock domain as the constraints see it.
     *
     * @param clock the clock, virtual when the implicit domain has no clock port
     * @param mhz its frequency
     * @param uncertaintyNs its uncertainty
     * @param ioDelayNs the input and output delay of its ports
     * @param reset the reset port, or null
     * @param resetActiveLow whether the reset is asserted at 0
     * @param resetAsync whether the domain's registers reset asynchronously
     * @param inputs data inputs (neither clock nor reset)
     * @param outputs outputs
     */
    public record Domain(ClockSpec clock, double mhz, double uncertaintyNs, double ioDelayNs, Port reset,
                         boolean resetActiveLow, boolean resetAsync, List<Port> inputs, List<Port> outputs) {
        public Domain {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
        }

        /** Every input that gets an input delay: data inputs, then the reset (timed like data). */
        public List<Port> delayedInputs() {
            List<Port> all = new ArrayList<>(inputs);
            if (reset != null) {
                all.add(reset);
            }
            return all;
        }
    }

    public DesignTiming {
        domains = List.copyOf(domains);
        if (domains.isEmpty()) {
            throw new IllegalArgumentException("a design has at least one clock domain");
        }
    }

    /** Classifies the ports of {@code top} into its clock domains. */
    public static DesignTiming of(ModuleDef top, FlowSpec spec) {
        List<Stmt.ClockDomain> named = top.clockDomains();
        Map<String, Integer> memberOf = new HashMap<>();
        Map<String, Integer> roleOf = new HashMap<>(); // clock and reset ports of named domains
        for (int i = 0; i < named.size(); i++) {
            Stmt.ClockDomain d = named.get(i);
            for (String m : d.members()) {
                memberOf.put(m, i);
            }
            roleOf.put(d.clock(), i);
            if (d.reset() != null) {
                roleOf.put(d.reset(), i);
            }
        }
        Port clk = roleOf.containsKey(CLOCK_PORT) ? null : role(top, CLOCK_PORT);
        Port rst = roleOf.containsKey(RESET_PORT) ? null : role(top, RESET_PORT);
        List<List<Port>> in = new ArrayList<>();
        List<List<Port>> out = new ArrayList<>();
        for (int i = 0; i <= named.size(); i++) {
            in.add(new ArrayList<>());
            out.add(new ArrayList<>());
        }
        for (Port p : top.ports()) {
            if (p == clk || p == rst || roleOf.containsKey(p.name())) {
                continue;
            }
            int at = memberOf.getOrDefault(p.name(), -1) + 1; // 0: the implicit domain
            (p.isInput() ? in : out).get(at).add(p);
        }
        List<Domain> domains = new ArrayList<>();
        if (clk != null || rst != null || !in.get(0).isEmpty() || !out.get(0).isEmpty() || named.isEmpty()) {
            ClockSpec clock = clk != null ? new ClockSpec(clk.name(), clk.name(), spec.periodNs(clk.name()))
                    : new ClockSpec(ClockSpec.VIRTUAL_NAME, null, spec.periodNs(null));
            domains.add(domain(clock, spec, rst, false, top.resetAsync(), in.get(0), out.get(0)));
        }
        for (int i = 0; i < named.size(); i++) {
            Stmt.ClockDomain d = named.get(i);
            ClockSpec clock = new ClockSpec(d.clock(), d.clock(), spec.periodNs(d.clock()));
            Port reset = d.reset() == null ? null : top.port(d.reset());
            domains.add(domain(clock, spec, reset, d.resetActiveLow(), d.resetAsync(), in.get(i + 1), out.get(i + 1)));
        }
        return new DesignTiming(top.name(), domains, spec);
    }

    private static Domain domain(ClockSpec c, FlowSpec s, Port reset, boolean low, boolean async,
                                 List<Port> in, List<Port> out) {
        return new Domain(c, s.clockMhz(c.port()), s.uncertaintyNs(c.port()), s.ioDelayNs(c.port()), reset, low,
                async, in, out);
    }

    private static Port role(ModuleDef top, String name) {
        Port p = top.port(name);
        return p != null && p.isInput() && p.width() == 1 ? p : null;
    }

    /** Whether the design has one clock only (the files then read as they always have). */
    public boolean singleClock() {
        return domains.size() == 1;
    }

    /** The first domain's clock: the implicit one, or the first named domain's. */
    public ClockSpec clock() {
        return domains.get(0).clock();
    }

    /** The clocks entering by a port, in domain order. */
    public List<ClockSpec> portClocks() {
        return domains.stream().map(Domain::clock).filter(c -> !c.isVirtual()).toList();
    }

    /** Every delayed input of every domain, domain by domain. */
    public List<Port> delayedInputs() {
        List<Port> all = new ArrayList<>();
        domains.forEach(d -> all.addAll(d.delayedInputs()));
        return all;
    }

    /** Every output of every domain, domain by domain. */
    public List<Port> outputs() {
        List<Port> all = new ArrayList<>();
        domains.forEach(d -> all.addAll(d.outputs()));
        return all;
    }
}
