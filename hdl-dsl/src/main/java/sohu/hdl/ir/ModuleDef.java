package sohu.hdl.ir;

import java.util.List;
import java.util.Map;

/**
 * One elaborated module: immutable. A black box has ports and {@code blackBoxSource}
 * (its SystemVerilog text, or null when the user supplies the file) and nothing else.
 *
 * @param generator the Java class that built it (for the file header)
 * @param params the generator's parameters, recorded in the manifest
 * @param resetAsync whether registers with a reset use an asynchronous reset
 * @param localparams symbolic constants (enum values) the body refers to, by name
 */
public record ModuleDef(
        String name,
        String generator,
        List<Port> ports,
        List<Signal> signals,
        List<Memory> memories,
        List<Instance> instances,
        List<Stmt> body,
        Map<String, Expr.Lit> localparams,
        Map<String, String> params,
        boolean resetAsync,
        String blackBoxSource,
        boolean isBlackBox,
        SourceLoc loc) {

    /** The port of that name, or null. */
    public Port port(String portName) {
        for (Port p : ports) {
            if (p.name().equals(portName)) {
                return p;
            }
        }
        return null;
    }

    /** The named clock domains declared in this module, in declaration order (empty: one implicit domain). */
    public List<Stmt.ClockDomain> clockDomains() {
        List<Stmt.ClockDomain> out = new java.util.ArrayList<>(0);
        for (Stmt s : body) {
            if (s instanceof Stmt.ClockDomain d) {
                out.add(d);
            }
        }
        return out;
    }
}
