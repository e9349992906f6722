package sohu.hdl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Named fields; field {@code f} of a bundle named {@code b} is the signal {@code b_f}.
 * Flipped fields ({@code Types.Flipped}) flow the other way: they are inputs of an output
 * bundle and are driven from the sink side when bundles are connected.
 */
public final class Bundle implements Data {
    private final Map<String, Data> fields;
    private final Set<String> flipped;

    Bundle(Map<String, Data> fields) {
        this(fields, Set.of());
    }

    Bundle(Map<String, Data> fields, Set<String> flipped) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.flipped = flipped.isEmpty() ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(flipped));
    }

    /** The field of that name (a usage error naming the fields if there is none). */
    public Data get(String name) {
        Data d = fields.get(name);
        if (d == null) {
            ModuleBuilder b = Shapes.ownerOf(this);
            b.usage("no field '" + name + "' in bundle; its fields are " + fields.keySet(), "use one of the field names");
            return b.poison(1, false, true);
        }
        return d;
    }

    /**
     * Drives field {@code name} with {@code value} (as {@link Data#set}) and returns this bundle,
     * so fields are set by name in one statement: {@code out.set("max", max).set("sum", sum)}.
     */
    public Bundle set(String name, Data value) {
        get(name).set(value);
        return this;
    }

    /** Drives a leaf field with a constant (it must fit) and returns this bundle. */
    public Bundle set(String name, long value) {
        Data d = get(name);
        if (d instanceof Bits b) {
            b.set(value);
        } else {
            Shapes.ownerOf(this).usage("field '" + name + "' is an aggregate; a constant drives one leaf",
                    "set its leaves, or set it from a value of its type");
        }
        return this;
    }

    /** An unsigned field (a Bool field is a UInt too). */
    public UInt uint(String name) {
        return leaf(name, UInt.class, "UInt");
    }

    /** A one-bit field. */
    public Bool bool(String name) {
        return leaf(name, Bool.class, "Bool");
    }

    /** A signed field. */
    public SInt sint(String name) {
        return leaf(name, SInt.class, "SInt");
    }

    private <T extends Bits> T leaf(String name, Class<T> type, String typeName) {
        Data d = get(name);
        if (type.isInstance(d)) {
            return type.cast(d);
        }
        ModuleBuilder b = Shapes.ownerOf(this);
        b.usage("field '" + name + "' is a " + Shapes.kind(d) + ", not a " + typeName,
                "use the accessor of the field's type (uint, sint, bool or get)");
        return type.cast(b.poison(d instanceof Bits bits && type != Bool.class ? bits.width() : 1, type == SInt.class, type == Bool.class));
    }

    /** The fields in declaration order. */
    public Map<String, Data> fields() {
        return fields;
    }

    /** Whether the field flows the other way (declared with {@code Types.Flipped}). */
    public boolean isFlipped(String field) {
        return flipped.contains(field);
    }

    Set<String> flippedFields() {
        return flipped;
    }

    @Override
    public List<Bits> leaves() {
        List<Bits> out = new ArrayList<>();
        for (Data d : fields.values()) {
            out.addAll(d.leaves());
        }
        return out;
    }

    @Override
    public String toString() {
        return "Bundle" + fields.keySet();
    }
}
