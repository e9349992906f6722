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
        } else if (e instanceof Expr.Unary u) {
            refs(u.a(), visit);
        } else if (e instanceof Expr.Binary b) {
            refs(b.a(), visit);
            refs(b.b(), visit);
        } else if (e instanceof Expr.Slice s) {
            refs(s.a(), visit);
        } else if (e instanceof Expr.Concat c) {
            for (Expr p : c.parts()) {
                refs(p, visit);
            }
        } else if (e instanceof Expr.Mux m) {
            refs(m.sel(), visit);
            refs(m.t(), visit);
            refs(m.f(), visit);
        } else if (e instanceof Expr.Extend x) {
            refs(x.a(), visit);
        } else if (e instanceof Expr.Reinterpret x) {
            refs(x.a(), visit);
        } else if (e instanceof Expr.MemRead m) {
            refs(m.addr(), visit);
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
