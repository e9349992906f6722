package sohu.core.fp.rtl;

import java.util.ArrayList;
import java.util.List;
import sohu.hdl.emit.Emitted;
import sohu.hdl.exec.ExternalCommand;
import sohu.hdl.exec.CommandResult;

/** Verilator lint and Yosys synthesis of emitted designs for the tests (through the project's runner). */
final class ExternalTool {
    private ExternalTool() {
    }

    /** {@code verilator --lint-only -Wall} over the design's files. */
    static CommandResult lint(Emitted e) {
        List<String> cmd = new ArrayList<>(List.of("verilator", "--lint-only", "-Wall", "--top-module", e.top()));
        e.svFiles().forEach(f -> cmd.add(f.getFileName().toString()));
        return ExternalCommand.of(cmd).in(e.dir()).run();
    }

    /** Yosys {@code read_verilog -sv; synth -top}, quiet (only warnings and errors print). */
    static CommandResult synth(Emitted e) {
        StringBuilder files = new StringBuilder();
        e.svFiles().forEach(f -> files.append(' ').append(f.getFileName()));
        return ExternalCommand.of("yosys", "-q", "-p", "read_verilog -sv" + files + "; synth -top " + e.top()).in(e.dir()).run();
    }
}
