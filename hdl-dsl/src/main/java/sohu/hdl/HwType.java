package sohu.hdl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hardware type; {@code D} is the Java handle type a declaration of it returns.
 * Aggregates ({@link VecType}, {@link BundleType}) are flattened into one signal per
 * leaf, named {@code name_index} and {@code name_field}.
 */
public sealed interface HwType<D extends Data> {

    /** Total width in bits. */
    int width();

    /** An unsigned integer of {@code width} bits. */
    record UIntType(int width) implements HwType<UInt> {
        public UIntType {
            if (width < 1) {
                throw new IllegalArgumentException("UInt width must be at least 1, got " + width);
            }
        }
    }

    /** A two's-complement signed integer of {@code width} bits. */
    record SIntType(int width) implements HwType<SInt> {
        public SIntType {
            if (width < 1) {
                throw new IllegalArgumentException("SInt width must be at least 1, got " + width);
            }
        }
    }

    /** One bit. */
    record BoolType() implements HwType<Bool> {
        @Override public int width() { return 1; }
    }

    /** {@code size} elements of one type. */
    record VecType<E extends Data>(HwType<E> element, int size) implements HwType<Vec<E>> {
        public VecType {
            if (size < 1) {
                throw new IllegalArgumentException("Vec size must be at least 1, got " + size);
            }
        }
        @Override public int width() { return element.width() * size; }
    }

    /** Named fields, in declaration order. */
    record BundleType(Map<String, HwType<?>> fields) implements HwType<Bundle> {
        public BundleType {
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
        @Override public int width() {
            return fields.values().stream().mapToInt(HwType::width).sum();
        }
    }

    /** A field that flows the other way: an input inside an output bundle, driven from the sink side. */
    record Flipped<D extends Data>(HwType<D> type) implements HwType<D> {
        @Override public int width() { return type.width(); }
    }

    /** A ready/valid stream of {@code payload}: valid and payload flow forward, ready (flipped) back. */
    record StreamType<D extends Data>(HwType<D> payload) implements HwType<Stream<D>> {
        @Override public int width() { return 2 + payload.width(); }
    }

    /** A Java enum encoded in the fewest bits; values emit as named localparams. */
    record EnumType<E extends Enum<E>>(Class<E> enumClass) implements HwType<UInt> {
        @Override public int width() {
            int n = enumClass.getEnumConstants().length;
            return Math.max(1, 32 - Integer.numberOfLeadingZeros(n - 1));
        }

        /** The constants in declaration order. */
        public List<E> values() {
            return List.of(enumClass.getEnumConstants());
        }
    }
}
