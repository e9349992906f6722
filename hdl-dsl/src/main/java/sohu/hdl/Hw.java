package sohu.hdl;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import sohu.hdl.ir.Expr;

/** Operations over several values: concatenation and multiplexers. */
public final class Hw {
    private Hw() { }

    /** Concatenation, most significant first; the result is unsigned. */
    public static UInt cat(Bits... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("cat needs at least one value");
        }
        List<Expr> exprs = new ArrayList<>(parts.length);
        int w = 0;
        for (Bits p : parts) {
            parts[0].owner.checkSameModule(p);
            exprs.add(p.expr);
            w += p.width();
        }
        return parts.length == 1 ? parts[0].asUInt() : new UInt(parts[0].owner, new Expr.Concat(exprs, w));
    }

    /** Concatenation of a list, most significant first. */
    public static UInt cat(List<? extends Bits> parts) {
        return cat(parts.toArray(new Bits[0]));
    }

    /** {@code sel ? whenTrue : whenFalse}; both must have the same type and width. */
    @SuppressWarnings("unchecked")
    public static <T extends Bits> T mux(Bool sel, T whenTrue, T whenFalse) {
        ModuleBuilder owner = sel.owner;
        owner.checkSameModule(whenTrue);
        owner.checkSameModule(whenFalse);
        if (whenTrue.width() != whenFalse.width() || whenTrue.expr.signed() != whenFalse.expr.signed()) {
            owner.usage("mux arms differ: " + whenTrue + " and " + whenFalse,
                    "extend or truncate one arm explicitly so both have the same type and width");
            return (T) owner.poisonLike(whenTrue);
        }
        Expr e = new Expr.Mux(sel.expr, whenTrue.expr, whenFalse.expr);
        if (whenTrue instanceof Bool) {
            return (T) new Bool(owner, e);
        }
        return (T) (e.signed() ? new SInt(owner, e) : new UInt(owner, e));
    }

    /**
     * Bits seen as a value of {@code type}: the inverse of {@link Data#asUInt()} (the first
     * field is the most significant). Constant bits give constant leaves.
     */
    public static <D extends Data> D unpack(HwType<D> type, UInt bits) {
        ModuleBuilder b = bits.owner;
        if (bits.width() != type.width()) {
            b.usage("cannot unpack " + bits.width() + " bits into a type of " + type.width() + " bits",
                    "resize the bits to " + type.width() + " first");
            bits = (UInt) b.poison(type.width(), false, false);
        }
        UInt all = bits;
        int[] below = {type.width()};
        D shape = b.declare("unpack", type, (n, w, s, f) -> { }, false); // the structure only: declares nothing
        return Shapes.map(shape, leaf -> {
            below[0] -= leaf.width();
            UInt part = all.slice(below[0] + leaf.width() - 1, below[0]);
            Expr e = part.expr;
            if (all.expr instanceof Expr.Lit lit) {
                BigInteger v = lit.bits().shiftRight(below[0]).and(BigInteger.ONE.shiftLeft(leaf.width()).subtract(BigInteger.ONE));
                e = new Expr.Lit(v, leaf.width(), false);
            }
            if (leaf instanceof SInt) {
                return e instanceof Expr.Lit l ? new SInt(b, new Expr.Lit(l.bits(), l.width(), true)) : new SInt(b, new Expr.Reinterpret(e, true));
            }
            return leaf instanceof Bool ? new Bool(b, e) : new UInt(b, e);
        });
    }

    /** Repeat a value n times. */
    public static UInt fill(int n, Bits value) {
        Bits[] parts = new Bits[n];
        java.util.Arrays.fill(parts, value);
        return cat(parts);
    }

    /**
     * Drives every leaf of each target with zero in the current {@code when} scope: clears
     * accumulators and flags in one statement ({@code when(out.fire(), () -> Hw.clear(max, sum, done))}).
     */
    public static void clear(Data... targets) {
        for (Data t : targets) {
            for (Bits leaf : t.leaves()) {
                leaf.set(0);
            }
        }
    }
}
