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
            throw new IllegalArgumentException("Bundle takes name/type pairs");
        }
        var fields = new LinkedHashMap<String, HwType<?>>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            fields.put((String) namesAndTypes[i], (HwType<?>) namesAndTypes[i + 1]);
        }
        return new HwType.BundleType(fields);
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
