package sohu.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import sohu.hdl.ir.Circuit;

/**
 * The designs that {@code sohu generate examples} (and, until the accelerator exists, bare
 * {@code sohu generate}) writes, each into its own subfolder named after it: the language's
 * examples ({@link sohu.hdl.examples.Examples}) followed by the entries of {@link #EXTRA}.
 *
 * <p>To add a design that lives outside hdl-dsl (e.g. a sohu-core block), append to
 * {@link #EXTRA}: a folder name (letters, digits, '-', '_'), a one-line description and a
 * supplier that elaborates the circuit.
 */
public final class Examples {
    private Examples() { }

    /** One example design. */
    public record Example(String name, String description, Supplier<Circuit> elaborate) { }

    /** Designs beyond the language's own examples. */
    private static final List<Example> EXTRA = List.of(
            // e.g. new Example("systolic", "4x4 weight-stationary array of BF16 FMA tiles",
            //         () -> Elaborator.elaborate(SystolicArray.class, new SystolicArray.Params(...)))
    );

    /** All examples, in the order they are generated. */
    public static List<Example> all() {
        List<Example> all = new ArrayList<>();
        for (sohu.hdl.examples.Examples.Example e : sohu.hdl.examples.Examples.all()) {
            all.add(new Example(e.name(), e.description(), e.elaborate()));
        }
        all.addAll(EXTRA);
        return List.copyOf(all);
    }

    /** The names of all examples. */
    public static List<String> names() {
        return all().stream().map(Example::name).toList();
    }

    /** The example of that name. */
    public static Example byName(String name) {
        for (Example e : all()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown example '" + name + "'; valid: " + String.join(", ", names()));
    }
}
