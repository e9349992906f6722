package sohu.hdl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Named fields; field {@code f} of a bundle named {@code b} is the signal {@code b_f}. */
public final class Bundle implements Data {
    private final Map<String, Data> fields;

    Bundle(Map<String, Data> fields) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The field of that name. */
    public Data get(String name) {
        Data d = fields.get(name);
        if (d == null) {
            throw new IllegalArgumentException("no field '" + name + "' in bundle; fields are " + fields.keySet());
        }
        return d;
    }

    /** An unsigned field. */
    public UInt uint(String name) {
        return (UInt) get(name);
    }

    /** A one-bit field. */
    public Bool bool(String name) {
        return (Bool) get(name);
    }

    /** A signed field. */
    public SInt sint(String name) {
        return (SInt) get(name);
    }

    /** The fields in declaration order. */
    public Map<String, Data> fields() {
        return fields;
    }

    @Override
    public List<Bits> leaves() {
        List<Bits> out = new ArrayList<>();
        for (Data d : fields.values()) {
            out.addAll(d.leaves());
        }
        return out;
    }
}
