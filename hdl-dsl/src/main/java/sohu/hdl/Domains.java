package sohu.hdl;

import java.util.ArrayList;
import java.util.List;
import sohu.hdl.ir.Expr;
import sohu.hdl.ir.Port;
import sohu.hdl.ir.Signal;
import sohu.hdl.ir.SourceLoc;
import sohu.hdl.ir.Stmt;

/** Clock domains while a module is being built: declaration, scope, and their IR statements. */
final class Domains {
    private Domains() { }

    /** Declares the clock (and reset) input ports of a new domain. */
    static ClockDomain declare(ModuleBuilder b, String clock, String reset, ClockDomain.Reset kind, SourceLoc at) {
        ClockDomain outer = b.domain;
        b.domain = null; // the domain's own ports belong to no domain
        try {
            b.port(clock, Port.Direction.INPUT, 1, false, at);
            if (reset != null) {
                b.port(reset, Port.Direction.INPUT, 1, false, at);
            }
        } finally {
            b.domain = outer;
        }
        ClockDomain d = new ClockDomain(b, clock, reset, reset == null ? null : kind, at);
        b.domains.add(d);
        return d;
    }

    /** Runs {@code body} with {@code d} as the domain of everything it declares. */
    static void with(ModuleBuilder b, ClockDomain d, Runnable body) {
        if (d.owner != b) {
            b.usage(d + " belongs to module " + d.owner.name + ", not " + b.name,
                    "declare the domain in this module (clockDomain(...)) and connect its clock to the parent's");
            body.run();
            return;
        }
        ClockDomain outer = b.domain;
        b.domain = d;
        try {
            body.run();
        } finally {
            b.domain = outer;
        }
    }

    /** The active-high reset of the domain in scope, for a submodule's implicit {@code rst}. */
    static Bool activeHighReset(ModuleBuilder b) {
        ClockDomain d = b.domain;
        if (d == null || !d.hasReset() || !d.reset.activeLow()) {
            return b.reset();
        }
        if (d.resetHigh == null) {
            String n = d.resetName + "_asserted";
            b.domain = null;
            try {
                b.signal(n, Signal.Kind.WIRE, 1, false, null, d.loc);
            } finally {
                b.domain = d;
            }
            b.addTopLevel(new Stmt.Connect(n, new Expr.Unary(Expr.UnOp.NOT, d.reset().expr, 1, false), d.loc));
            d.resetHigh = (Bool) b.ref(n, 1, false);
        }
        return d.resetHigh;
    }

    /** The body followed by one {@link Stmt.ClockDomain} per declared domain. */
    static List<Stmt> append(List<Stmt> body, List<ClockDomain> domains) {
        if (domains.isEmpty()) {
            return body;
        }
        List<Stmt> out = new ArrayList<>(body);
        for (ClockDomain d : domains) {
            out.add(new Stmt.ClockDomain(d.clockName, d.clockName, d.resetName, d.reset != null && d.reset.activeLow(),
                    d.reset != null && d.reset.async(), List.copyOf(d.members), d.loc));
        }
        return List.copyOf(out);
    }
}
