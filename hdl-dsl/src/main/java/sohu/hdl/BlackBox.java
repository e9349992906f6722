package sohu.hdl;

/**
 * A module whose body is written in SystemVerilog: the subclass declares its ports and
 * gives the source text (written beside the generated files), or null when the user's
 * flow supplies the file. Its name must equal the module name in the source.
 */
public abstract class BlackBox extends Module {
    /** A black box with inline SystemVerilog source (or null for an external file). */
    protected BlackBox(String source) {
        blackBox(source);
    }
}
