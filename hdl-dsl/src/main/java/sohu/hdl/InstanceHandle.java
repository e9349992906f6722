package sohu.hdl;

import java.util.Map;
import java.util.function.Function;
import sohu.hdl.ir.Expr;
import sohu.hdl.ir.ModuleDef;
import sohu.hdl.ir.Port;

/**
 * The pins of a submodule instance, seen from the parent: inputs are driven with
 * {@code set}, outputs are read. Pin {@code p} of instance {@code i} is the parent
 * signal {@code i_p}. Typed access: {@code u.io(m -> m.in)} gives the parent's handle on
 * the child's port {@code in} (a leaf, bundle, vector or stream), so no pin name is
 * spelled out and whole interfaces connect in one {@code set}.
 *
 * @param <M> the child's generator class
 */
public final class InstanceHandle<M extends Module> {
    private final ModuleBuilder parent;
    private final String name;
    private final ModuleDef def;
    private final M child;
    private final Map<String, Bits> pins;

    InstanceHandle(ModuleBuilder parent, String name, ModuleDef def, M child, Map<String, Bits> pins) {
        this.parent = parent;
        this.name = name;
        this.def = def;
        this.child = child;
        this.pins = pins;
    }

    /**
     * The parent-side handle of one of the child's ports, chosen by a function of the
     * child generator: {@code u.io(m -> m.out)} or {@code u.io(Child::out)}. The result
     * has the port's type; input leaves can be driven, output leaves read.
     */
    public <D extends Data> D io(Function<? super M, D> port) {
        D inChild = port.apply(child);
        if (inChild == null) {
            parent.usage("the port chosen on instance " + name + " of " + def.name() + " is null",
                    "select a port the child generator keeps in a field or returns from a method");
            return null;
        }
        return Shapes.map(inChild, leaf -> {
            Bits p = leaf.expr instanceof Expr.Ref r ? pins.get(r.name()) : null;
            if (p == null || !def.name().equals(leaf.owner.name)) {
                parent.usage("instance " + name + ": " + leaf + " is not a port of " + def.name(),
                        "select one of its ports: " + def.ports().stream().map(Port::name).toList());
                return parent.poisonLike(leaf);
            }
            return retype(p, leaf);
        });
    }

    /** The pin with the Java type of the child's handle (a 1-bit UInt stays a UInt). */
    private Bits retype(Bits pin, Bits like) {
        if (like instanceof Bool || like instanceof SInt) {
            return pin;
        }
        return pin instanceof Bool ? new UInt(parent, pin.expr) : pin;
    }

    /**
     * Connects a parent-side signal to the child's ports named after it, leaf by leaf: a stream
     * {@code s} to {@code port_valid}, {@code port_ready} and {@code port_payload_*}, a bundle field
     * by field ({@code port_<field>}, flipped fields the other way), a leaf to {@code port} itself.
     * With {@code toChild} the parent's signal drives the child's pins (the child's inputs), else
     * the child's pins drive it; for an interface the child owns (say its AXI master),
     * {@code connect("m_axi", output("m_axi", Axi4.full(...)), false)} exports it whole.
     */
    public void connect(String port, Data parentSide, boolean toChild) {
        if (parentSide instanceof Stream<?> s) {
            connect(port + "_valid", s.valid(), toChild);
            connect(port + "_ready", s.ready(), !toChild);
            connect(port + "_payload", s.payload(), toChild);
        } else if (parentSide instanceof Bundle b) {
            for (String f : b.fields().keySet()) {
                connect(port + "_" + f, b.get(f), toChild != b.isFlipped(f));
            }
        } else if (toChild) {
            pin(port).set((Bits) parentSide);
        } else {
            ((Bits) parentSide).set(pin(port));
        }
    }

    /** The pin of that port (input pins can be driven, output pins read); prefer {@link #io}. */
    public Bits pin(String port) {
        Bits b = pins.get(port);
        if (b == null) {
            parent.usage("module " + def.name() + " (instance " + name + ") has no pin '" + port + "'",
                    "use one of its ports: " + def.ports().stream().map(Port::name).toList());
            return parent.poison(1, false, true);
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
            parent.usage("pin '" + port + "' of " + name + " is " + b.width() + " bits, not a Bool",
                    "use uint(\"" + port + "\") for a multi-bit pin");
            return (Bool) parent.poison(1, false, true);
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
