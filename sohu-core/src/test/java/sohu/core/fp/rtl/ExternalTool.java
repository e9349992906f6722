package sohu.core.fp.rtl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import sohu.hdl.emit.Emitted;

/** Runs Verilator lint and Yosys synthesis on emitted designs for the tests. */
final class ExternalTool {
    private ExternalTool() {
    }

    /** Exit status and combined output of a command. */
    record Result(int exit, String output) {
    }

    /** {@code verilator --lint-only -Wall} over the design's files. */
    static Result lint(Emitted e) {
        List<String> cmd = new ArrayList<>(List.of("verilator", "--lint-only", "-Wall", "--top-module", e.top()));
        e.svFiles().forEach(f -> cmd.add(f.getFileName().toString()));
        return run(e.dir(), cmd);
    }

    /** Yosys {@code read_verilog -sv; synth -top}, quiet (only warnings and errors print). */
    static Result synth(Emitted e) {
        StringBuilder files = new StringBuilder();
        e.svFiles().forEach(f -> files.append(' ').append(f.getFileName()));
        return run(e.dir(), List.of("yosys", "-q", "-p", "read_verilog -sv" + files + "; synth -top " + e.top()));
    }

    static Result run(Path dir, List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + cmd);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd.get(0) + " (is it installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
