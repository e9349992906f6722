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

    /** What a {@link Verify} statement does when it is reached at a clock edge. */
    enum VerifyKind {
        /** The condition must hold; a failure stops the simulation. */
        ASSERT,
        /** The environment promises the condition (checked like an assertion in simulation). */
        ASSUME,
        /** Counts the edges at which the condition holds. */
        COVER
    }

    /**
     * An immediate assertion, assumption or cover point, checked at each rising edge of
     * {@code clock} (a clock port) while the enclosing conditions hold and the domain is
     * out of reset. {@code name} is unique in the module (the cover counter is
     * {@code <name>_count}); {@code loc} is always captured, so the message can name it.
     */
    record Verify(VerifyKind kind, String name, Expr cond, String message, String clock, SourceLoc loc)
            implements Stmt { }

    /** A {@code $display} at each rising edge of {@code clock} while the enclosing conditions hold. */
    record Display(String format, List<Expr> args, String clock, SourceLoc loc) implements Stmt { }

    /**
     * A clock domain of the module and the registers, memories, instances and ports declared
     * in it (everything else is in the implicit domain of {@code clk} and {@code rst}).
     * {@code reset} is null for a domain without reset.
     */
    record ClockDomain(String name, String clock, String reset, boolean resetActiveLow, boolean resetAsync,
                       List<String> members, SourceLoc loc) implements Stmt { }
}
