package sohu.hdl;

import sohu.hdl.ir.SourceLoc;

/**
 * One problem found in a design: what is wrong, where (the user's Java file:line) and
 * how to fix it.
 */
public record Diagnostic(String check, String message, String fix, SourceLoc loc) {
    @Override
    public String toString() {
        return loc + ": error [" + check + "]: " + message + (fix == null ? "" : "\n    fix: " + fix);
    }
}
