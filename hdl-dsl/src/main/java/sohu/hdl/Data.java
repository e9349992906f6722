package sohu.hdl;

import java.util.List;

/**
 * A hardware value handle: a leaf ({@link Bits}) or an aggregate ({@link Vec},
 * {@link Bundle}, {@link Stream}) flattened into leaves.
 */
public sealed interface Data permits Bits, Vec, Bundle, Stream {

    /** The leaves, in declaration order (most significant field first for bundles). */
    List<Bits> leaves();

    /**
     * Connects {@code source} to this value in the current {@code when} scope: vectors
     * element by element, bundles field by field BY NAME (a missing or extra field is an
     * error naming it); flipped fields (such as a stream's ready) are driven the other
     * way, so one statement connects a whole interface. Widths must match exactly.
     */
    default void set(Data source) {
        Shapes.connect(this, source);
    }

    /** All leaves concatenated, the first leaf most significant (a bundle's first field). */
    default UInt asUInt() {
        return Hw.cat(leaves());
    }
}
