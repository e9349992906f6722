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

    /**
     * The element selected by a hardware index: read, it is a multiplexer (an index past
     * the end selects the last element); driven ({@code v.get(i).set(x)}), it drives the
     * selected element only. Works for elements of any type (bundles, vectors).
     */
    public E get(UInt index) {
        ModuleBuilder b = index.owner;
        int reachable = index.width() >= 31 ? Integer.MAX_VALUE : 1 << index.width();
        if (reachable < elements.size()) {
            b.usage("a " + index.width() + "-bit index cannot select all " + elements.size() + " elements",
                    "widen the index to " + Types.bitsFor(elements.size()) + " bits (zext)");
        }
        List<List<Bits>> leaves = new ArrayList<>(elements.size());
        for (E e : elements) {
            leaves.add(e.leaves());
        }
        int[] next = {0};
        return Shapes.map(elements.get(0), first -> {
            int k = next[0]++;
            List<Bits> candidates = new ArrayList<>(elements.size());
            for (List<Bits> l : leaves) {
                Bits c = k < l.size() ? l.get(k) : null;
                if (c == null || c.width() != first.width() || c.expr.signed() != first.expr.signed()) {
                    b.usage("the elements of this Vec differ in type; get(index) needs elements of one type",
                            "build the Vec from values of one type");
                    return b.poisonLike(first);
                }
                candidates.add(c);
            }
            int n = Math.min(candidates.size(), reachable);
            Bits result = candidates.get(n - 1);
            for (int i = n - 2; i >= 0; i--) {
                result = Hw.mux(index.eq(i), candidates.get(i), result);
            }
            if (n > 1) {
                b.registerDynamic(result.expr, index, candidates.subList(0, n));
            }
            return result;
        });
    }

    @Override
    public String toString() {
        return "Vec of " + elements.size();
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
