package sohu.hdl.ir;

import java.util.List;

/**
 * A submodule instance. Its pins appear in the parent as signals named
 * {@code <instance>_<port>} ({@link Signal.Kind#INSTANCE_INPUT} / {@code INSTANCE_OUTPUT});
 * {@code clock} and {@code reset} name the parent signals wired to the child's
 * implicit {@code clk} and {@code rst}, or are null.
 */
public record Instance(String name, String module, List<Pin> pins, SourceLoc loc) {
    /** One pin: the child's port and the parent signal connected to it. */
    public record Pin(String port, String signal) { }
}
