package sohu.hdl;

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
            throw owner.misuse("mux arms differ: " + whenTrue + " and " + whenFalse,
                    "extend or truncate one arm explicitly so both have the same type and width");
        }
        Expr e = new Expr.Mux(sel.expr, whenTrue.expr, whenFalse.expr);
        if (whenTrue instanceof Bool) {
            return (T) new Bool(owner, e);
        }
        return (T) (e.signed() ? new SInt(owner, e) : new UInt(owner, e));
    }

    /** Repeat a value n times. */
    public static UInt fill(int n, Bits value) {
        Bits[] parts = new Bits[n];
        java.util.Arrays.fill(parts, value);
        return cat(parts);
    }
}
