package sohu.hdl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the external tools (Verilator, Yosys, Icarus) on emitted files for the tests. */
public final class Tools {
    private Tools() { }

    /** Exit status and combined output of a command. */
    public record Result(int exit, String output) { }

    /** Runs a command in a folder, with a timeout. */
    public static Result run(Path dir, List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + cmd);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd.get(0) + " (is it installed? ./sohu test installs it): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static List<String> names(List<Path> files) {
        List<String> out = new ArrayList<>();
        files.forEach(f -> out.add(f.getFileName().toString()));
        return out;
    }

    /** {@code verilator --lint-only -Wall}; returns its output (empty when clean). */
    public static Result lint(Path dir, String top, List<Path> files) {
        List<String> cmd = new ArrayList<>(List.of("verilator", "--lint-only", "-Wall", "--top-module", top));
        cmd.addAll(names(files));
        return run(dir, cmd);
    }

    /** {@code yosys read_verilog -sv; synth -top}; returns its log. */
    public static Result yosys(Path dir, String top, List<Path> files, String synth) {
        String script = "read_verilog -sv " + String.join(" ", names(files)) + "; " + synth + " -top " + top;
        return run(dir, List.of("yosys", "-q", "-p", script));
    }

    /** {@code iverilog -g2012} compile. */
    public static Result icarus(Path dir, String top, List<Path> files) {
        List<String> cmd = new ArrayList<>(List.of("iverilog", "-g2012", "-o", "/dev/null", "-s", top));
        cmd.addAll(names(files));
        return run(dir, cmd);
    }
}
