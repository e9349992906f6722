package sohu.hdl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Structural operations over {@link Data}: connection by field name (with flipped
 * fields driven the other way), rebuilding a value with new leaves, and finding the
 * module a value belongs to.
 */
final class Shapes {
    private Shapes() { }

    /** The module a value belongs to (the module under construction for an empty aggregate). */
    static ModuleBuilder ownerOf(Data d) {
        List<Bits> leaves = d.leaves();
        if (!leaves.isEmpty()) {
            return leaves.get(0).owner;
        }
        ElabContext ctx = ElabContext.current();
        ModuleBuilder b = ctx == null ? null : ctx.stack.peek();
        if (b == null) {
            throw new IllegalStateException("hardware values can only be used while a module is being built");
        }
        return b;
    }

    /** The hardware type of a value (what a register of the same shape is declared with). */
    @SuppressWarnings("unchecked")
    static <D extends Data> HwType<D> typeOf(D d) {
        if (d instanceof Bool) {
            return (HwType<D>) new HwType.BoolType();
        } else if (d instanceof SInt s) {
            return (HwType<D>) new HwType.SIntType(s.width());
        } else if (d instanceof UInt u) {
            return (HwType<D>) new HwType.UIntType(u.width());
        } else if (d instanceof Vec<?> v) {
            return (HwType<D>) new HwType.VecType<>(typeOf(v.get(0)), v.size());
        } else if (d instanceof Stream<?> s) {
            return (HwType<D>) new HwType.StreamType<>(typeOf(s.payload()));
        }
        Bundle b = (Bundle) d;
        Map<String, HwType<?>> fields = new LinkedHashMap<>();
        b.fields().forEach((n, f) -> fields.put(n, b.isFlipped(n) ? new HwType.Flipped<>(typeOf(f)) : typeOf(f)));
        return (HwType<D>) new HwType.BundleType(fields);
    }

    /** A value of the same structure as {@code shape} whose leaves are {@code leaf(old leaf)}, in leaf order. */
    @SuppressWarnings("unchecked")
    static <D extends Data> D map(D shape, UnaryOperator<Bits> leaf) {
        if (shape instanceof Bits b) {
            return (D) leaf.apply(b);
        } else if (shape instanceof Vec<?> v) {
            List<Data> out = new ArrayList<>(v.size());
            for (Data e : v.elements()) {
                out.add(map(e, leaf));
            }
            return (D) new Vec<>(out);
        } else if (shape instanceof Stream<?> s) {
            Bool valid = (Bool) leaf.apply(s.valid());
            Bool ready = (Bool) leaf.apply(s.ready());
            return (D) new Stream<>(valid, ready, map(s.payload(), leaf));
        } else {
            Bundle b = (Bundle) shape;
            Map<String, Data> out = new LinkedHashMap<>();
            b.fields().forEach((n, d) -> out.put(n, map(d, leaf)));
            return (D) new Bundle(out, b.flippedFields());
        }
    }

    /**
     * {@code to := from}: leaves by position for vectors, by field name for bundles and
     * streams; flipped fields (a stream's ready) are driven from {@code to} into {@code from}.
     */
    static void connect(Data to, Data from) {
        ModuleBuilder b = ownerOf(to);
        if (to instanceof Bits t && from instanceof Bits f) {
            t.set(f);
        } else if (to instanceof Bundle tb && from instanceof Bundle fb) {
            connectBundles(b, tb, fb);
        } else if (to instanceof Vec<?> tv && from instanceof Vec<?> fv) {
            if (tv.size() != fv.size()) {
                b.usage("cannot connect a Vec of " + fv.size() + " elements to one of " + tv.size(),
                        "connect vectors of equal size, or connect the elements one by one");
            }
            for (int i = 0; i < tv.size(); i++) {
                if (i < fv.size()) {
                    connect(tv.get(i), fv.get(i));
                } else {
                    poison(b, tv.get(i));
                }
            }
        } else if (to instanceof Stream<?> ts && from instanceof Stream<?> fs) {
            ts.valid().set(fs.valid());
            fs.ready().set(ts.ready());
            connect(ts.payload(), fs.payload());
        } else {
            b.usage("cannot connect a " + kind(from) + " to a " + kind(to),
                    "connect values of the same kind (pack a bundle with asUInt(), unpack bits with Hw.unpack)");
            poison(b, to);
        }
    }

    private static void connectBundles(ModuleBuilder b, Bundle to, Bundle from) {
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        for (String f : to.fields().keySet()) {
            if (!from.fields().containsKey(f)) {
                missing.add(f);
            }
        }
        for (String f : from.fields().keySet()) {
            if (!to.fields().containsKey(f)) {
                extra.add(f);
            }
        }
        if (!missing.isEmpty() || !extra.isEmpty()) {
            b.usage("bundle fields differ: " + (missing.isEmpty() ? "" : "the source has no field " + missing)
                            + (missing.isEmpty() || extra.isEmpty() ? "" : " and ")
                            + (extra.isEmpty() ? "" : "the sink has no field " + extra),
                    "give both bundles the same field names, or connect the fields one by one (x.get(\"f\").set(...))");
        }
        for (Map.Entry<String, Data> e : to.fields().entrySet()) {
            String f = e.getKey();
            boolean flipped = to.isFlipped(f);
            if (!from.fields().containsKey(f)) {
                if (!flipped) {
                    poison(b, e.getValue());
                }
            } else if (flipped != from.isFlipped(f)) {
                b.usage("field '" + f + "' is flipped in one bundle but not in the other",
                        "use the same bundle type on both sides");
                poison(b, e.getValue());
            } else if (flipped) {
                connect(from.get(f), e.getValue());
            } else {
                connect(e.getValue(), from.get(f));
            }
        }
    }

    private static void poison(ModuleBuilder b, Data d) {
        for (Bits leaf : d.leaves()) {
            b.drivePoison(leaf);
        }
    }

    static String kind(Data d) {
        if (d instanceof Bundle b) {
            return "Bundle" + b.fields().keySet();
        } else if (d instanceof Vec<?> v) {
            return "Vec of " + v.size();
        } else if (d instanceof Stream<?>) {
            return "Stream";
        }
        return d.toString();
    }
}
