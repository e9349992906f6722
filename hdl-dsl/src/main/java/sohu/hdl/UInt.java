package sohu.hdl;

import java.math.BigInteger;
import sohu.hdl.ir.Expr;
import sohu.hdl.ir.Expr.BinOp;

/** An unsigned value. Operand widths may differ; the narrower one is zero-extended. */
public sealed class UInt extends Bits permits Bool {

    UInt(ModuleBuilder owner, Expr expr) {
        super(owner, expr);
    }

    @Override
    UInt literal(long value) {
        return new UInt(owner, new Expr.Lit(pattern(value, width(), false, owner), width(), false));
    }

    private UInt lit(long value, int w) {
        return new UInt(owner, new Expr.Lit(pattern(value, w, false, owner), w, false));
    }

    private UInt op(BinOp op, UInt other, int w) {
        return new UInt(owner, binary(op, other, w));
    }

    /** Sum modulo 2^max(widths). */
    public UInt addWrap(UInt other) {
        return op(BinOp.ADD, other, Math.max(width(), other.width()));
    }

    /** Sum modulo 2^width of a constant. */
    public UInt addWrap(long value) {
        return addWrap(lit(value, width()));
    }

    /** Full sum, one bit wider than the wider operand. */
    public UInt addExpand(UInt other) {
        return op(BinOp.ADD, other, Math.max(width(), other.width()) + 1);
    }

    /** Difference modulo 2^max(widths). */
    public UInt subWrap(UInt other) {
        return op(BinOp.SUB, other, Math.max(width(), other.width()));
    }

    /** Difference modulo 2^width with a constant. */
    public UInt subWrap(long value) {
        return subWrap(lit(value, width()));
    }

    /** Difference one bit wider than the wider operand (the top bit is the borrow). */
    public UInt subExpand(UInt other) {
        return op(BinOp.SUB, other, Math.max(width(), other.width()) + 1);
    }

    /** Full product: width is the sum of the operand widths. */
    public UInt mul(UInt other) {
        owner.checkSameModule(other);
        return new UInt(owner, new Expr.Binary(BinOp.MUL, expr, other.expr, width() + other.width(), false));
    }

    /** Bitwise AND. */
    public UInt and(UInt other) {
        return op(BinOp.AND, other, Math.max(width(), other.width()));
    }

    /** Bitwise OR. */
    public UInt or(UInt other) {
        return op(BinOp.OR, other, Math.max(width(), other.width()));
    }

    /** Bitwise XOR. */
    public UInt xor(UInt other) {
        return op(BinOp.XOR, other, Math.max(width(), other.width()));
    }

    /** Bitwise NOT. */
    public UInt not() {
        return new UInt(owner, new Expr.Unary(Expr.UnOp.NOT, expr, width(), false));
    }

    /** Shift left by a constant, keeping the width (bits shifted out are lost). */
    public UInt shl(int n) {
        return new UInt(owner, new Expr.Binary(BinOp.SHL, expr, shiftAmount(n), width(), false));
    }

    /** Logical shift right by a constant. */
    public UInt shr(int n) {
        return new UInt(owner, new Expr.Binary(BinOp.SHR, expr, shiftAmount(n), width(), false));
    }

    /** Shift left by a variable amount, keeping the width. */
    public UInt shl(UInt amount) {
        owner.checkSameModule(amount);
        return new UInt(owner, new Expr.Binary(BinOp.SHL, expr, amount.expr, width(), false));
    }

    /** Logical shift right by a variable amount. */
    public UInt shr(UInt amount) {
        owner.checkSameModule(amount);
        return new UInt(owner, new Expr.Binary(BinOp.SHR, expr, amount.expr, width(), false));
    }

    Expr shiftAmount(int n) {
        if (n < 0) {
            owner.usage("negative shift " + n, "shift by 0 or more");
            n = 0;
        }
        int w = Types.bitsFor(Math.max(2, n + 1L));
        return new Expr.Lit(BigInteger.valueOf(n), w, false);
    }

    /** Equal. */
    public Bool eq(UInt other) {
        return compare(BinOp.EQ, other);
    }

    /** Equal to a constant. */
    public Bool eq(long value) {
        return eq(lit(value, width()));
    }

    /** Not equal. */
    public Bool ne(UInt other) {
        return compare(BinOp.NE, other);
    }

    /** Not equal to a constant. */
    public Bool ne(long value) {
        return ne(lit(value, width()));
    }

    /** Less than. */
    public Bool lt(UInt other) {
        return compare(BinOp.LT, other);
    }

    /** Less than a constant. */
    public Bool lt(long value) {
        return lt(wideLit(value));
    }

    /** Less or equal. */
    public Bool le(UInt other) {
        return compare(BinOp.LE, other);
    }

    /** Greater than. */
    public Bool gt(UInt other) {
        return compare(BinOp.GT, other);
    }

    /** Greater than a constant. */
    public Bool gt(long value) {
        return gt(wideLit(value));
    }

    /** Less or equal to a constant. */
    public Bool le(long value) {
        return le(wideLit(value));
    }

    /** A constant at least as wide as this value and wide enough for {@code value}. */
    private UInt wideLit(long value) {
        return lit(value, Math.max(width(), Types.bitsFor(value + 1)));
    }

    /** Greater or equal. */
    public Bool ge(UInt other) {
        return compare(BinOp.GE, other);
    }

    /** Greater or equal to a constant. */
    public Bool ge(long value) {
        return ge(wideLit(value));
    }

    /** Zero-extended to {@code w} bits (w must not be smaller). */
    public UInt zext(int w) {
        if (w < width()) {
            owner.usage("zext(" + w + ") of a " + width() + "-bit value would truncate", "use truncate(" + w + ") or resize(" + w + ")");
            return (UInt) owner.poison(w, false, false);
        }
        return w == width() ? this : new UInt(owner, new Expr.Extend(expr, w, false, false));
    }

    /** The low {@code w} bits (w must not be larger). */
    public UInt truncate(int w) {
        if (w > width()) {
            owner.usage("truncate(" + w + ") of a " + width() + "-bit value would extend", "use zext(" + w + ") or resize(" + w + ")");
            return (UInt) owner.poison(w, false, false);
        }
        return slice(w - 1, 0);
    }

    /** Zero-extended or truncated to {@code w} bits, as the name says. */
    public UInt resize(int w) {
        return w >= width() ? zext(w) : truncate(w);
    }

    /** Concatenation {@code {this, lower}}. */
    public UInt cat(Bits lower) {
        return Hw.cat(this, lower);
    }
}
