package sohu.cli.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import sohu.hdl.emit.Emitted;
import sohu.hdl.exec.ExternalCommand;
import sohu.hdl.exec.CommandResult;

/** {@code verilator --lint-only -Wall} over emitted RTL; the log goes to {@code lint.log} beside it. */
public final class Lint {
    private Lint() { }

    /**
     * Lints the design and returns the number of warnings (each {@code %Warning-...} line counts
     * one); fails when Verilator reports errors.
     *
     * @throws IOException when Verilator cannot run or reports an error
     */
    public static int warnings(Emitted e) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("verilator", "--lint-only", "-Wall", "--top-module", e.top()));
        for (Path f : e.svFiles()) {
            cmd.add(f.toAbsolutePath().toString());
        }
        Path log = e.dir().resolveSibling("lint.log");
        CommandResult r = ExternalCommand.of(cmd).in(e.dir()).log(log).run();
        int warnings = count(r.output());
        if (r.exit() != 0 && warnings == 0) {
            String first = r.output().lines().filter(l -> l.startsWith("%Error")).findFirst()
                    .orElse("exit code " + r.exit());
            throw new IOException("verilator --lint-only failed: " + first + "; log: " + log);
        }
        return warnings;
    }

    /** Number of warnings in Verilator's output. */
    static int count(String output) {
        return (int) output.lines().filter(l -> l.startsWith("%Warning")).count();
    }
}
