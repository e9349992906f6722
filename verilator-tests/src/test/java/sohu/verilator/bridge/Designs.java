package sohu.verilator.bridge;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import sohu.verilator.SimPort;
import sohu.verilator.SimSource;

/** The hand-written designs under {@code src/test/resources/bridge}. */
final class Designs {
    private Designs() {}

    static Path file(String name) {
        try {
            return Path.of(Designs.class.getResource("/bridge/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource bridge/" + name, e);
        }
    }

    static final List<SimPort> COUNTER_PORTS = List.of(SimPort.in("clk", 1), SimPort.in("rst", 1),
            SimPort.in("en", 1), SimPort.out("count", 8), SimPort.out("wrap", 1));

    static SimSource counter() {
        return new SimSource("counter", List.of(file("incr.sv"), file("counter.sv")), COUNTER_PORTS);
    }

    /** Same top name as {@link #counter()}, counts by 3. */
    static SimSource counterBy3() {
        return new SimSource("counter", List.of(file("counter2/counter.sv")), COUNTER_PORTS);
    }

    static SimSource adder100() {
        return new SimSource("adder100", List.of(file("adder100.sv")), List.of(SimPort.in("clk", 1),
                SimPort.in("a", 100), SimPort.in("b", 100), SimPort.out("sum", 101), SimPort.out("q", 100)));
    }
}
