package sohu.hdl.check;

import java.util.ArrayList;
import java.util.List;
import sohu.hdl.Diagnostic;
import sohu.hdl.ir.Circuit;

/** The checks run after elaboration, in this order. Width checks run while connecting. */
public final class Passes {
    private Passes() { }

    /** The ordered list of checks. */
    public static final List<Check> CHECKS = List.of(new DriverCheck(), new CombLoopCheck(), new ClockCrossingCheck(),
            new UnreadCheck());

    /** Runs every check and returns all diagnostics together. */
    public static List<Diagnostic> check(Circuit circuit) {
        List<Diagnostic> out = new ArrayList<>();
        for (Check c : CHECKS) {
            out.addAll(c.run(circuit));
        }
        return out;
    }
}
