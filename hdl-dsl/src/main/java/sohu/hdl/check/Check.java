package sohu.hdl.check;

import java.util.List;
import sohu.hdl.Diagnostic;
import sohu.hdl.ir.Circuit;

/** A pass that inspects an elaborated circuit and reports every problem it finds. */
public interface Check {
    /** Short name, used in diagnostics. */
    String name();

    /** All problems found (empty if none). */
    List<Diagnostic> run(Circuit circuit);
}
