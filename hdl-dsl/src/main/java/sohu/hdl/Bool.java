package sohu.hdl;

import sohu.hdl.ir.Expr;

/** One bit, with logic operators that keep the type. */
public final class Bool extends UInt {

    Bool(ModuleBuilder owner, Expr expr) {
        super(owner, expr);
    }

    @Override
    Bool literal(long value) {
        return new Bool(owner, new Expr.Lit(pattern(value, 1, false, owner), 1, false));
    }

    /** Logical AND. */
    public Bool and(Bool other) {
        return new Bool(owner, binary(Expr.BinOp.AND, other, 1));
    }

    /** Logical OR. */
    public Bool or(Bool other) {
        return new Bool(owner, binary(Expr.BinOp.OR, other, 1));
    }

    /** Logical XOR. */
    public Bool xor(Bool other) {
        return new Bool(owner, binary(Expr.BinOp.XOR, other, 1));
    }

    /** Logical NOT. */
    @Override
    public Bool not() {
        return new Bool(owner, new Expr.Unary(Expr.UnOp.NOT, expr, 1, false));
    }

    /** Drives with a Java boolean. */
    public void set(boolean value) {
        set(value ? 1 : 0);
    }
}
