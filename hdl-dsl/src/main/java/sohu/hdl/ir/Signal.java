package sohu.hdl.ir;

import java.math.BigInteger;

/**
 * A wire or register declared inside a module (ports are {@link Port}s).
 *
 * @param reset the reset value of a register, or null for none
 */
public record Signal(String name, Kind kind, int width, boolean signed, BigInteger reset, SourceLoc loc) {
    /** What drives the signal. */
    public enum Kind {
        /** Combinational, driven by connections in the body. */
        WIRE,
        /** Clocked, updated by connections in the body. */
        REG,
        /** Driven by an output pin of a submodule instance. */
        INSTANCE_OUTPUT,
        /** Drives an input pin of a submodule instance; driven by the body. */
        INSTANCE_INPUT
    }

    /** Whether connections in the body drive it combinationally. */
    public boolean isCombinational() {
        return kind == Kind.WIRE || kind == Kind.INSTANCE_INPUT;
    }
}
