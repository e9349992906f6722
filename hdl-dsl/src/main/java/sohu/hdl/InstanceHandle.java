package sohu.hdl;

import java.util.Map;
import sohu.hdl.ir.ModuleDef;
import sohu.hdl.ir.Port;

/**
 * The pins of a submodule instance, seen from the parent: inputs are driven with
 * {@code set}, outputs are read. Pin {@code p} of instance {@code i} is the parent
 * signal {@code i_p}.
 */
public final class InstanceHandle {
    private final String name;
    private final ModuleDef def;
    private final Map<String, Bits> pins;

    InstanceHandle(String name, ModuleDef def, Map<String, Bits> pins) {
        this.name = name;
        this.def = def;
        this.pins = pins;
    }

    /** The pin of that port (input pins can be driven, output pins read). */
    public Bits pin(String port) {
        Bits b = pins.get(port);
        if (b == null) {
            throw new IllegalArgumentException("module " + def.name() + " (instance " + name + ") has no pin '" + port
                    + "'; its ports are " + def.ports().stream().map(Port::name).toList());
        }
        return b;
    }

    /** An unsigned pin. */
    public UInt uint(String port) {
        return pin(port).asUInt();
    }

    /** A signed pin. */
    public SInt sint(String port) {
        return pin(port).asSInt();
    }

    /** A one-bit pin. */
    public Bool bool(String port) {
        Bits b = pin(port);
        if (!(b instanceof Bool bool)) {
            throw new IllegalArgumentException("pin '" + port + "' of " + name + " is " + b.width() + " bits, not a Bool");
        }
        return bool;
    }

    /** The instance name. */
    public String name() {
        return name;
    }

    /** The elaborated module. */
    public ModuleDef module() {
        return def;
    }
}
