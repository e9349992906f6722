package sohu.hdl.ir;

import java.util.List;

/** A statement in a module body: connections nested in conditions. */
public sealed interface Stmt {
    /** Where the statement was written. */
    SourceLoc loc();

    /** {@code target := value} in the enclosing conditions. */
    record Connect(String target, Expr value, SourceLoc loc) implements Stmt { }

    /** {@code if (cond) then else otherwise}. */
    record When(Expr cond, List<Stmt> then, List<Stmt> otherwise, SourceLoc loc) implements Stmt { }

    /** One arm of a switch: the body runs when the subject equals any of the values. */
    record Case(List<Expr.Lit> values, List<Stmt> body) { }

    /** A {@code case} statement; {@code otherwise} is null when there is no default arm. */
    record Switch(Expr subject, List<Case> cases, List<Stmt> otherwise, SourceLoc loc) implements Stmt { }

    /** A write of {@code data} to {@code mem[addr]} at the clock edge. */
    record MemWrite(String mem, Expr addr, Expr data, SourceLoc loc) implements Stmt { }
}
