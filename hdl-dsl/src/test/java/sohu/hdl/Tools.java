package sohu.hdl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import sohu.hdl.exec.ExternalCommand;
import sohu.hdl.exec.CommandResult;

/** The external tools (Verilator, Yosys, Icarus) on emitted files, for the tests. */
public final class Tools {
    private Tools() { }

    /** Runs a command in a folder (the project's runner: default timeout, output kept). */
    public static CommandResult run(Path dir, List<String> cmd) {
        return ExternalCommand.of(cmd).in(dir).run();
    }

    private static List<String> names(List<Path> files) {
        List<String> out = new ArrayList<>();
        files.forEach(f -> out.add(f.getFileName().toString()));
        return out;
    }

    /** {@code verilator --lint-only -Wall}; returns its output (empty when clean). */
    public static CommandResult lint(Path dir, String top, List<Path> files) {
        List<String> cmd = new ArrayList<>(List.of("verilator", "--lint-only", "-Wall", "--top-module", top));
        cmd.addAll(names(files));
        return run(dir, cmd);
    }

    /** {@code yosys read_verilog -sv; synth -top}; returns its log. */
    public static CommandResult yosys(Path dir, String top, List<Path> files, String synth) {
        String script = "read_verilog -sv " + String.join(" ", names(files)) + "; " + synth + " -top " + top;
        return run(dir, List.of("yosys", "-q", "-p", script));
    }

    /** {@code iverilog -g2012} compile. */
    public static CommandResult icarus(Path dir, String top, List<Path> files) {
        List<String> cmd = new ArrayList<>(List.of("iverilog", "-g2012", "-o", "/dev/null", "-s", top));
        cmd.addAll(names(files));
        return run(dir, cmd);
    }
}
