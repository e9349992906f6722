package sohu.cli.model;

import java.util.Locale;

/** The engines {@code sohu run} can be asked for ({@code --engine}). */
public enum EngineKind {
    /** The forward pass in double precision ({@link sohu.core.model.ReferenceEngine}). */
    REFERENCE,
    /** The instruction-set simulator, bit for bit the chip's arithmetic. */
    GOLDEN,
    /** The generated core in Verilator. */
    RTL;

    /** Lower-case name, as written on the command line. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
