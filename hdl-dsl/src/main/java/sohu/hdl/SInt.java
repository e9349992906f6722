package sohu.hdl;

import sohu.hdl.ir.Expr;
import sohu.hdl.ir.Expr.BinOp;

/** A two's-complement signed value. Operand widths may differ; the narrower one is sign-extended. */
public final class SInt extends Bits {

    SInt(ModuleBuilder owner, Expr expr) {
        super(owner, expr);
    }

    @Override
    SInt literal(long value) {
        return new SInt(owner, new Expr.Lit(pattern(value, width(), true, owner), width(), true));
    }

    private SInt op(BinOp op, SInt other, int w) {
        return new SInt(owner, binary(op, other, w));
    }

    /** Sum modulo 2^max(widths). */
    public SInt addWrap(SInt other) {
        return op(BinOp.ADD, other, Math.max(width(), other.width()));
    }

    /** Full sum, one bit wider than the wider operand. */
    public SInt addExpand(SInt other) {
        return op(BinOp.ADD, other, Math.max(width(), other.width()) + 1);
    }

    /** Difference modulo 2^max(widths). */
    public SInt subWrap(SInt other) {
        return op(BinOp.SUB, other, Math.max(width(), other.width()));
    }

    /** Full difference, one bit wider than the wider operand. */
    public SInt subExpand(SInt other) {
        return op(BinOp.SUB, other, Math.max(width(), other.width()) + 1);
    }

    /** Full signed product: width is the sum of the operand widths. */
    public SInt mul(SInt other) {
        owner.checkSameModule(other);
        return new SInt(owner, new Expr.Binary(BinOp.MUL, expr, other.expr, width() + other.width(), true));
    }

    /** Negation modulo 2^width. */
    public SInt neg() {
        return new SInt(owner, new Expr.Unary(Expr.UnOp.NEG, expr, width(), true));
    }

    /** Shift left by a constant, keeping the width. */
    public SInt shl(int n) {
        return new SInt(owner, new Expr.Binary(BinOp.SHL, expr, asUInt().shiftAmount(n), width(), true));
    }

    /** Arithmetic shift right by a constant. */
    public SInt sra(int n) {
        return new SInt(owner, new Expr.Binary(BinOp.SRA, expr, asUInt().shiftAmount(n), width(), true));
    }

    /** Arithmetic shift right by a variable amount. */
    public SInt sra(UInt amount) {
        owner.checkSameModule(amount);
        return new SInt(owner, new Expr.Binary(BinOp.SRA, expr, amount.expr, width(), true));
    }

    /** Equal. */
    public Bool eq(SInt other) {
        return compare(BinOp.EQ, other);
    }

    /** Not equal. */
    public Bool ne(SInt other) {
        return compare(BinOp.NE, other);
    }

    /** Signed less than. */
    public Bool lt(SInt other) {
        return compare(BinOp.LT, other);
    }

    /** Signed less or equal. */
    public Bool le(SInt other) {
        return compare(BinOp.LE, other);
    }

    /** Signed greater than. */
    public Bool gt(SInt other) {
        return compare(BinOp.GT, other);
    }

    /** Signed greater or equal. */
    public Bool ge(SInt other) {
        return compare(BinOp.GE, other);
    }

    /** Signed less than a constant. */
    public Bool lt(long value) {
        return lt(constant(value));
    }

    /** Signed greater or equal to a constant. */
    public Bool ge(long value) {
        return ge(constant(value));
    }

    /** Equal to a constant. */
    public Bool eq(long value) {
        return eq(constant(value));
    }

    /** Not equal to a constant. */
    public Bool ne(long value) {
        return ne(constant(value));
    }

    /** Signed greater than a constant. */
    public Bool gt(long value) {
        return gt(constant(value));
    }

    /** Signed less or equal to a constant. */
    public Bool le(long value) {
        return le(constant(value));
    }

    /** A constant wide enough for both this value and {@code value}. */
    private SInt constant(long value) {
        int w = Math.max(width(), 64 - Long.numberOfLeadingZeros(value < 0 ? ~value : value) + 1);
        return new SInt(owner, new Expr.Lit(pattern(value, w, true, owner), w, true));
    }

    /** Sign-extended to {@code w} bits (w must not be smaller). */
    public SInt sext(int w) {
        if (w < width()) {
            owner.usage("sext(" + w + ") of a " + width() + "-bit value would truncate", "use resize(" + w + ")");
            return (SInt) owner.poison(w, true, false);
        }
        return w == width() ? this : new SInt(owner, new Expr.Extend(expr, w, true, true));
    }

    /** Sign-extended or truncated (keeping the low bits) to {@code w} bits. */
    public SInt resize(int w) {
        return w >= width() ? sext(w) : slice(w - 1, 0).asSInt();
    }
}
