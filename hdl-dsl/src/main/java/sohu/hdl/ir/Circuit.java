package sohu.hdl.ir;

import java.util.List;

/**
 * An elaborated design: its distinct modules in dependency order (children before
 * parents, the top last). Immutable; passes and emitters are functions over it.
 */
public record Circuit(String top, List<ModuleDef> modules) {

    /** The top module. */
    public ModuleDef topModule() {
        return module(top);
    }

    /** The module of that name; throws if absent. */
    public ModuleDef module(String name) {
        for (ModuleDef m : modules) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("no module named " + name + " in circuit " + top);
    }
}
