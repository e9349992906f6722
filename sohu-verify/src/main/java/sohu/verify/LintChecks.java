package sohu.verify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import sohu.hdl.emit.Emitted;
import sohu.hdl.emit.OutputWriter;
import sohu.hdl.exec.CommandResult;
import sohu.hdl.exec.ExternalCommand;
import sohu.hdl.ir.Circuit;

/** The external lint and synthesis checks the block tests share. */
public final class LintChecks {
    private LintChecks() { }

    /**
     * Runs {@code verilator --lint-only -Wall} on each design (emitted under {@code dir}); returns
     * one entry per design that failed or printed anything, empty when all are clean.
     */
    public static List<String> verilatorWall(List<Circuit> designs, Path dir) throws Exception {
        List<String> problems = new ArrayList<>();
        for (Circuit c : designs) {
            Emitted e = OutputWriter.write(c, dir.resolve(c.top()));
            List<String> cmd = new ArrayList<>(List.of("verilator", "--lint-only", "-Wall", "--top-module", e.top()));
            e.svFiles().forEach(f -> cmd.add(f.toAbsolutePath().toString()));
            CommandResult r = ExternalCommand.of(cmd).in(dir).timeout(Duration.ofHours(12)).run();
            if (r.exit() != 0 || !r.output().isBlank()) {
                problems.add(e.top() + ": exit " + r.exit() + "\n" + r.output());
            }
        }
        return problems;
    }

    /**
     * Synthesizes the design with Yosys ({@code synth}, {@code stat}); returns the problems: a
     * non-zero exit, an undriven or multiply driven signal, an inferred latch.
     */
    public static List<String> yosysSynth(Circuit c, Path dir) throws Exception {
        Emitted e = OutputWriter.write(c, dir.resolve(c.top()));
        StringBuilder script = new StringBuilder();
        e.svFiles().forEach(f -> script.append("read_verilog -sv ").append(f.toAbsolutePath()).append('\n'));
        script.append("synth -top ").append(e.top()).append("\nstat\n");
        Path ys = dir.resolve(c.top() + ".ys");
        Files.writeString(ys, script);
        CommandResult r = ExternalCommand.of(List.of("yosys", "-s", ys.toString())).in(dir).timeout(Duration.ofHours(12)).run();
        List<String> problems = new ArrayList<>();
        if (r.exit() != 0) {
            problems.add(e.top() + ": yosys exit " + r.exit() + "\n" + r.output());
        }
        for (String bad : List.of("has no driver", "conflicting drivers", "Latch inferred")) {
            if (r.output().contains(bad)) {
                problems.add(e.top() + ": " + bad);
            }
        }
        return problems;
    }
}
