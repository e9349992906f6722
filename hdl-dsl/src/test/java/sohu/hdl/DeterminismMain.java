package sohu.hdl;

import static sohu.hdl.Types.UInt;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import sohu.hdl.emit.OutputWriter;
import sohu.hdl.examples.Examples;

/**
 * Run in a fresh JVM by {@link CrossJvmDeterminismTest}: writes every example, a design
 * named from a lambda parameter, and manifests with hash-ordered attributes into {@code args[0]}.
 */
public final class DeterminismMain {
    private DeterminismMain() { }

    /** Parameters holding a function. */
    public record FnParams(int width, IntUnaryOperator f) { }

    /** A module whose default name comes from parameters that hold a lambda. */
    public static final class Fn extends Module {
        /** Builds it. */
        public Fn(FnParams p) {
            output("y", UInt(p.width())).set(uint(p.f().applyAsInt(2), p.width()));
        }
    }

    /** Writes the designs. */
    public static void main(String[] args) {
        Path out = Path.of(args[0]);
        Map<String, Object> attributes = Map.of("kind", "example", "rows", 4, "cols", 8, "format", "bf16", "latency", 3);
        for (Examples.Example e : Examples.all()) {
            OutputWriter.write(e.elaborate().get(), out.resolve(e.name()), attributes);
        }
        OutputWriter.write(Elaborator.elaborate(Fn.class, new FnParams(4, x -> x * 3)), out.resolve("fn"), attributes);
    }
}
