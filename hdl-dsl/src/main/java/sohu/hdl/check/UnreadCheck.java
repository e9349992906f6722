package sohu.hdl.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import sohu.hdl.Diagnostic;
import sohu.hdl.ir.Instance;
import sohu.hdl.ir.ModuleDef;
import sohu.hdl.ir.Port;
import sohu.hdl.ir.Signal;

/**
 * Declarations that are never read although they should be: a register that is written
 * but never read (dead logic, usually a forgotten connection), and a clock-like input
 * ({@code clk_core}) that nothing uses while the registers run on the implicit
 * {@code clk} (the registers silently got a second clock).
 */
public final class UnreadCheck extends PerModuleCheck {
    private static final Pattern CLOCK_LIKE = Pattern.compile("(?i)(clk|clock)(_.*)?|.*_(clk|clock)");

    @Override
    public String name() {
        return "unread";
    }

    @Override
    void checkModule(ModuleDef m, List<Diagnostic> out) {
        boolean hasReg = m.signals().stream().anyMatch(s -> s.kind() == Signal.Kind.REG);
        List<Port> clockLike = new ArrayList<>();
        if (m.port("clk") != null) {
            for (Port p : m.ports()) {
                if (p.isInput() && p.width() == 1 && !p.name().equals("clk") && CLOCK_LIKE.matcher(p.name()).matches()) {
                    clockLike.add(p);
                }
            }
        }
        if (!hasReg && clockLike.isEmpty()) {
            return; // nothing to look for: skip the walk
        }
        Set<String> read = new HashSet<>();
        Walk.reads(m.body(), e -> Walk.refs(e, r -> read.add(r.name())));
        for (Instance inst : m.instances()) {
            inst.pins().forEach(p -> read.add(p.signal()));
        }
        for (Signal s : m.signals()) {
            if (s.kind() == Signal.Kind.REG && !read.contains(s.name())) {
                out.add(new Diagnostic(name(), "register '" + s.name() + "' in module " + m.name() + " is written but never read",
                        "read it (drive an output or other logic with it) or remove it", s.loc()));
            }
        }
        for (Port p : clockLike) {
            if (!read.contains(p.name())) {
                out.add(new Diagnostic(name(), "input '" + p.name() + "' of module " + m.name()
                        + " looks like a clock but nothing uses it, while the registers run on the implicit clock 'clk'",
                        "name the input 'clk' so registers use it, or clock the registers from '" + p.name()
                                + "' in a clock domain of their own", p.loc()));
            }
        }
    }
}
