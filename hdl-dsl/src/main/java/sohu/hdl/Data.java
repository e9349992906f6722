package sohu.hdl;

import java.util.List;

/**
 * A hardware value handle: a leaf ({@link Bits}) or an aggregate ({@link Vec},
 * {@link Bundle}) flattened into leaves.
 */
public sealed interface Data permits Bits, Vec, Bundle {

    /** The leaves, in declaration order (most significant field first for bundles). */
    List<Bits> leaves();

    /**
     * Connects {@code source} to this value, leaf by leaf, in the current {@code when}
     * scope. Types must match exactly: widths are never truncated or extended silently.
     */
    default void set(Data source) {
        List<Bits> to = leaves();
        List<Bits> from = source.leaves();
        if (to.size() != from.size()) {
            throw new IllegalArgumentException("cannot connect an aggregate of " + from.size()
                    + " leaves to one of " + to.size() + " at " + sohu.hdl.ir.SourceLoc.capture());
        }
        for (int i = 0; i < to.size(); i++) {
            to.get(i).set(from.get(i));
        }
    }
}
