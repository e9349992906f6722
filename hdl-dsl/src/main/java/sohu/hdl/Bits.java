package sohu.hdl;

import java.math.BigInteger;
import java.util.List;
import sohu.hdl.ir.Expr;
import sohu.hdl.ir.SourceLoc;

/**
 * A leaf value: an expression of a known width and signedness, possibly naming a signal
 * that can be driven ({@link #set}). Operations build new expressions; nothing is
 * truncated or extended without a method that says so.
 */
public abstract sealed class Bits implements Data permits UInt, SInt {
    final ModuleBuilder owner;
    final Expr expr;

    Bits(ModuleBuilder owner, Expr expr) {
        this.owner = owner;
        this.expr = expr;
    }

    /** The IR expression (for passes and tests). */
    public Expr expr() {
        return expr;
    }

    /** Width in bits. */
    public int width() {
        return expr.width();
    }

    @Override
    public List<Bits> leaves() {
        return List.of(this);
    }

    /** Drives this signal with {@code source} in the current scope; types must match exactly. */
    public void set(Bits source) {
        owner.connect(this, source, SourceLoc.capture());
    }

    /** Drives this signal with a constant (it must fit). */
    public void set(long value) {
        set(literal(value));
    }

    @Override
    public void set(Data source) {
        if (source instanceof Bits b) {
            set(b);
        } else {
            Data.super.set(source);
        }
    }

    /** A constant of this value's type. */
    abstract Bits literal(long value);

    /** Bits hi..lo, unsigned. */
    public UInt slice(int hi, int lo) {
        if (lo < 0 || hi < lo || hi >= width()) {
            owner.usage("slice(" + hi + ", " + lo + ") out of range for a " + width() + "-bit value",
                    "use 0 <= lo <= hi < " + width());
            return (UInt) owner.poison(hi - lo + 1, false, false);
        }
        if (lo == 0 && hi == width() - 1 && !expr.signed()) {
            return (UInt) this;
        }
        return new UInt(owner, new Expr.Slice(expr, hi, lo));
    }

    /** Bit i. */
    public Bool bit(int i) {
        UInt s = slice(i, i);
        return s instanceof Bool bool ? bool : new Bool(owner, s.expr);
    }

    /** The most significant bit. */
    public Bool msb() {
        return bit(width() - 1);
    }

    /** The same bits, unsigned. */
    public UInt asUInt() {
        return expr.signed() ? new UInt(owner, new Expr.Reinterpret(expr, false)) : (UInt) this;
    }

    /** The same bits, signed. */
    public SInt asSInt() {
        return expr.signed() ? (SInt) this : new SInt(owner, new Expr.Reinterpret(expr, true));
    }

    /** AND of all bits. */
    public Bool andR() {
        return new Bool(owner, new Expr.Unary(Expr.UnOp.AND_REDUCE, expr, 1, false));
    }

    /** OR of all bits. */
    public Bool orR() {
        return new Bool(owner, new Expr.Unary(Expr.UnOp.OR_REDUCE, expr, 1, false));
    }

    /** XOR of all bits. */
    public Bool xorR() {
        return new Bool(owner, new Expr.Unary(Expr.UnOp.XOR_REDUCE, expr, 1, false));
    }

    // ---- helpers shared by UInt and SInt ----

    /** This expression extended (by its own signedness) to {@code w} bits. */
    Expr extendedTo(int w) {
        if (w == width()) {
            return expr;
        }
        return new Expr.Extend(expr, w, expr.signed(), expr.signed());
    }

    Expr binary(Expr.BinOp op, Bits other, int width) {
        owner.checkSameModule(other);
        return new Expr.Binary(op, extendedTo(width), other.extendedTo(width), width, expr.signed());
    }

    Bool compare(Expr.BinOp op, Bits other) {
        int w = Math.max(width(), other.width());
        return new Bool(owner, new Expr.Binary(op, extendedTo(w), other.extendedTo(w), 1, false));
    }

    static BigInteger pattern(long value, int width, boolean signed, ModuleBuilder owner) {
        BigInteger v = BigInteger.valueOf(value);
        boolean fits = signed
                ? v.bitLength() < width
                : value >= 0 && v.bitLength() <= width;
        if (!fits) {
            owner.usage("constant " + value + " does not fit in a " + width + "-bit "
                    + (signed ? "SInt" : "UInt"), "widen the value first (zext/sext/resize) or use a smaller constant");
            return BigInteger.ZERO;
        }
        return v.signum() < 0 ? v.add(BigInteger.ONE.shiftLeft(width)) : v;
    }

    @Override
    public String toString() {
        return (expr.signed() ? "SInt" : "UInt") + "<" + width() + ">" + (expr instanceof Expr.Ref r ? " " + r.name() : "");
    }
}
