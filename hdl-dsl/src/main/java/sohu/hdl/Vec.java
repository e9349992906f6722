package sohu.hdl;

import java.util.ArrayList;
import java.util.List;

/** A fixed-size vector of handles; element i of a vector named {@code v} is the signal {@code v_i}. */
public final class Vec<E extends Data> implements Data {
    private final List<E> elements;

    Vec(List<E> elements) {
        this.elements = List.copyOf(elements);
    }

    /** A vector of existing handles (for building muxes over them). */
    @SafeVarargs
    public static <E extends Data> Vec<E> of(E... elements) {
        return new Vec<>(List.of(elements));
    }

    /** A vector of existing handles. */
    public static <E extends Data> Vec<E> of(List<E> elements) {
        return new Vec<>(elements);
    }

    /** Element i. */
    public E get(int i) {
        return elements.get(i);
    }

    /** Number of elements. */
    public int size() {
        return elements.size();
    }

    /** The elements. */
    public List<E> elements() {
        return elements;
    }

    /** The element selected by a hardware index (a multiplexer); elements must be leaves. */
    @SuppressWarnings("unchecked")
    public E get(UInt index) {
        E result = elements.get(elements.size() - 1);
        for (int i = elements.size() - 2; i >= 0; i--) {
            result = (E) Hw.mux(index.eq(i), (Bits) elements.get(i), (Bits) result);
        }
        return result;
    }

    @Override
    public List<Bits> leaves() {
        List<Bits> out = new ArrayList<>();
        for (E e : elements) {
            out.addAll(e.leaves());
        }
        return out;
    }
}
