package sohu.constraints;

import java.util.ArrayList;
import java.util.List;
import sohu.hdl.ir.Port;

/** A port's name, direction, width and signedness: value-equal parameters for generated wrappers. */
record PortShape(String name, boolean input, int width, boolean signed) {
    /** The shapes of {@code ports}, in order. */
    static List<PortShape> of(List<Port> ports) {
        List<PortShape> out = new ArrayList<>();
        for (Port p : ports) {
            out.add(new PortShape(p.name(), p.isInput(), p.width(), p.signed()));
        }
        return List.copyOf(out);
    }

    /** Whether this is the implicit clock or reset the language wires automatically. */
    boolean implicit() {
        return input && width == 1 && (name.equals(DesignTiming.CLOCK_PORT) || name.equals(DesignTiming.RESET_PORT));
    }
}
