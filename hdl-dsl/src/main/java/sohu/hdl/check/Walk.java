package sohu.hdl.check;

import java.util.List;
import java.util.function.Consumer;
import sohu.hdl.ir.Expr;
import sohu.hdl.ir.Stmt;

/** Traversals shared by the passes and the emitter. */
public final class Walk {
    private Walk() { }

    /** Calls {@code visit} for every signal reference in the expression (memory reads include the address). */
    public static void refs(Expr e, Consumer<Expr.Ref> visit) {
        if (e instanceof Expr.Ref r) {
            visit.accept(r);
        } else {
            children(e, c -> refs(c, visit));
        }
    }

    /** Calls {@code visit} for each direct operand of the expression (none for references and constants). */
    public static void children(Expr e, Consumer<Expr> visit) {
        if (e instanceof Expr.Unary u) {
            visit.accept(u.a());
        } else if (e instanceof Expr.Binary b) {
            visit.accept(b.a());
            visit.accept(b.b());
        } else if (e instanceof Expr.Slice s) {
            visit.accept(s.a());
        } else if (e instanceof Expr.Concat c) {
            c.parts().forEach(visit);
        } else if (e instanceof Expr.Mux m) {
            visit.accept(m.sel());
            visit.accept(m.t());
            visit.accept(m.f());
        } else if (e instanceof Expr.Extend x) {
            visit.accept(x.a());
        } else if (e instanceof Expr.Reinterpret x) {
            visit.accept(x.a());
        } else if (e instanceof Expr.MemRead m) {
            visit.accept(m.addr());
        }
    }

    /**
     * Calls {@code visit} for every expression a body reads: values, memory addresses and data,
     * conditions, switch subjects, assertion conditions and print arguments.
     */
    public static void reads(List<Stmt> body, Consumer<Expr> visit) {
        exprs(body, visit, false);
    }

    /** Like {@link #reads}, and with {@code armValues} the switch arms' constant values too. */
    public static void exprs(List<Stmt> body, Consumer<Expr> visit, boolean armValues) {
        for (Stmt s : body) {
            if (s instanceof Stmt.Connect c) {
                visit.accept(c.value());
            } else if (s instanceof Stmt.MemWrite w) {
                visit.accept(w.addr());
                visit.accept(w.data());
            } else if (s instanceof Stmt.Verify v) {
                visit.accept(v.cond());
            } else if (s instanceof Stmt.Display d) {
                d.args().forEach(visit);
            } else if (s instanceof Stmt.When w) {
                visit.accept(w.cond());
                exprs(w.then(), visit, armValues);
                exprs(w.otherwise(), visit, armValues);
            } else if (s instanceof Stmt.Switch sw) {
                visit.accept(sw.subject());
                for (Stmt.Case k : sw.cases()) {
                    if (armValues) {
                        k.values().forEach(visit);
                    }
                    exprs(k.body(), visit, armValues);
                }
                if (sw.otherwise() != null) {
                    exprs(sw.otherwise(), visit, armValues);
                }
            }
        }
    }

    /** A connection together with the conditions that enclose it. */
    public interface ConnectVisitor {
        /** Called for each connection; {@code conditions} are the enclosing when/switch expressions. */
        void visit(Stmt.Connect c, List<Expr> conditions);
    }

    /** Visits every connection in a body with its enclosing condition expressions. */
    public static void connects(List<Stmt> body, ConnectVisitor v) {
        connects(body, new java.util.ArrayList<>(), v);
    }

    private static void connects(List<Stmt> body, List<Expr> conds, ConnectVisitor v) {
        for (Stmt s : body) {
            if (s instanceof Stmt.Connect c) {
                v.visit(c, conds);
            } else if (s instanceof Stmt.When w) {
                conds.add(w.cond());
                connects(w.then(), conds, v);
                connects(w.otherwise(), conds, v);
                conds.remove(conds.size() - 1);
            } else if (s instanceof Stmt.Switch sw) {
                conds.add(sw.subject());
                for (Stmt.Case k : sw.cases()) {
                    connects(k.body(), conds, v);
                }
                if (sw.otherwise() != null) {
                    connects(sw.otherwise(), conds, v);
                }
                conds.remove(conds.size() - 1);
            }
        }
    }
}
