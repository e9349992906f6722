package sohu.hdl;

import java.util.LinkedHashMap;

/** Short constructors for types: {@code UInt(8)}, {@code Vec(UInt(8), 4)}, … (import static). */
public final class Types {
    private Types() { }

    /** One bit. */
    public static HwType.BoolType Bool() {
        return new HwType.BoolType();
    }

    /** Unsigned integer of {@code width} bits. */
    public static HwType.UIntType UInt(int width) {
        return new HwType.UIntType(width);
    }

    /** Signed integer of {@code width} bits. */
    public static HwType.SIntType SInt(int width) {
        return new HwType.SIntType(width);
    }

    /** A vector of {@code size} elements. */
    public static <E extends Data> HwType.VecType<E> Vec(HwType<E> element, int size) {
        return new HwType.VecType<>(element, size);
    }

    /** A bundle from alternating field names and types: {@code Bundle("valid", Bool(), "data", UInt(8))}. */
    public static HwType.BundleType Bundle(Object... namesAndTypes) {
        if (namesAndTypes.length % 2 != 0) {
            throw new IllegalArgumentException("Bundle takes name/type pairs, got " + namesAndTypes.length + " arguments");
        }
        var fields = new LinkedHashMap<String, HwType<?>>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            if (!(namesAndTypes[i] instanceof String n) || !(namesAndTypes[i + 1] instanceof HwType<?> t)) {
                throw new IllegalArgumentException("Bundle takes name/type pairs; argument " + i + " is " + namesAndTypes[i]);
            }
            if (fields.put(n, t) != null) {
                throw new IllegalArgumentException("Bundle field '" + n + "' appears twice");
            }
        }
        return new HwType.BundleType(fields);
    }

    /** A bundle field that flows the other way (e.g. a ready in a bundle of valid and data). */
    public static <D extends Data> HwType.Flipped<D> Flipped(HwType<D> type) {
        return new HwType.Flipped<>(type);
    }

    /** A ready/valid stream of any payload: {@code input("in", Stream(UInt(8)))} receives one. */
    public static <D extends Data> HwType.StreamType<D> Stream(HwType<D> payload) {
        return new HwType.StreamType<>(payload);
    }

    /** The type of an existing value (to declare a wire, register or port of the same shape). */
    public static <D extends Data> HwType<D> typeOf(D value) {
        return Shapes.typeOf(value);
    }

    /** A Java enum as a hardware type. */
    public static <E extends Enum<E>> HwType.EnumType<E> Enum(Class<E> enumClass) {
        return new HwType.EnumType<>(enumClass);
    }

    /** Bits needed to hold values 0..n-1 (at least 1). */
    public static int bitsFor(long n) {
        return Math.max(1, 64 - Long.numberOfLeadingZeros(n - 1));
    }
}
