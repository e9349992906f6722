package sohu.hdl.check;

import java.util.ArrayList;
import java.util.List;
import sohu.hdl.Diagnostic;
import sohu.hdl.ir.Circuit;
import sohu.hdl.ir.ModuleDef;

/** A check that looks at each module with a body (black boxes have none) on its own. */
abstract class PerModuleCheck implements Check {
    @Override
    public final List<Diagnostic> run(Circuit circuit) {
        List<Diagnostic> out = new ArrayList<>();
        for (ModuleDef m : circuit.modules()) {
            if (!m.isBlackBox()) {
                checkModule(m, out);
            }
        }
        return out;
    }

    /** Adds the diagnostics of one module to {@code out}. */
    abstract void checkModule(ModuleDef m, List<Diagnostic> out);
}
