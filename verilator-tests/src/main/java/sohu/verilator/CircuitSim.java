package sohu.verilator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import sohu.hdl.emit.Emitted;
import sohu.hdl.emit.OutputWriter;
import sohu.hdl.ir.Circuit;
import sohu.hdl.ir.ModuleDef;
import sohu.hdl.ir.Stmt;
import sohu.hdl.ir.Port;

/** Simulations straight from an elaborated {@link Circuit}: emit, build (cached), load. */
public final class CircuitSim {
    private CircuitSim() { }

    /** Emits the circuit into a scratch folder and opens a simulation of its top. */
    public static Sim open(Circuit circuit) {
        return open(circuit, SimOptions.defaults());
    }

    /** Emits the circuit into a scratch folder and opens a simulation of its top with options. */
    public static Sim open(Circuit circuit, SimOptions options) {
        return Sim.open(source(emit(circuit)), hasAssertions(circuit) ? options.withVerilatorFlags("--assert") : options);
    }

    /** Whether any module asserts or assumes something (then Verilator must check with {@code --assert}). */
    static boolean hasAssertions(Circuit circuit) {
        for (ModuleDef m : circuit.modules()) {
            if (hasAssertions(m.body())) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasAssertions(List<Stmt> body) {
        for (Stmt s : body) {
            boolean found = s instanceof Stmt.Verify
                    || (s instanceof Stmt.When w && (hasAssertions(w.then()) || hasAssertions(w.otherwise())))
                    || (s instanceof Stmt.Switch sw && (sw.cases().stream().anyMatch(k -> hasAssertions(k.body()))
                            || (sw.otherwise() != null && hasAssertions(sw.otherwise()))));
            if (found) {
                return true;
            }
        }
        return false;
    }

    /** The simulation source of emitted files, with the top's ports as the language declared them. */
    public static SimSource source(Emitted e) {
        List<SimPort> ports = new ArrayList<>();
        for (Port p : e.topPorts()) {
            ports.add(p.isInput() ? SimPort.in(p.name(), p.width()) : SimPort.out(p.name(), p.width()));
        }
        return new SimSource(e.top(), e.svFiles(), ports);
    }

    private static Emitted emit(Circuit circuit) {
        try {
            Path root = Path.of(System.getProperty("java.io.tmpdir"), "sohu-rtl");
            Files.createDirectories(root);
            Path dir = Files.createTempDirectory(root, circuit.top() + "-");
            return OutputWriter.write(circuit, dir.resolve("rtl"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot emit " + circuit.top() + " for simulation", e);
        }
    }
}
