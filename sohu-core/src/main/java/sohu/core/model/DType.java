package sohu.core.model;

import java.util.Locale;

/** The safetensors element types this project reads ({@code F32}, {@code BF16}, {@code F16}). */
public enum DType {
    /** IEEE binary32. */
    F32(4),
    /** bfloat16: the top half of a binary32. */
    BF16(2),
    /** IEEE binary16. */
    F16(2);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** The type a safetensors header names, or null if this project cannot read it. */
    public static DType ofHeaderName(String name) {
        for (DType t : values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** Lower-case name, as the CLI spells it. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
