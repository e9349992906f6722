package sohu.cli.regress;

import java.time.Duration;
import sohu.hdl.exec.CommandException;
import sohu.hdl.exec.CommandResult;
import sohu.hdl.exec.ExternalCommand;

/** The versions of the tools a regression depends on, for its header and report. */
final class ToolVersions {
    private ToolVersions() {
    }

    /** "Verilator 5.006 2023-01-22; g++ (Debian 12.2.0-14) 12.2.0; Java 17.0.9+9". */
    static String describe() {
        String cxx = System.getenv().getOrDefault("CXX", "g++");
        return firstLine("verilator", "--version") + "; " + firstLine(cxx, "--version") + "; Java " + Runtime.version();
    }

    /** The first line a tool prints, or "TOOL: not found". */
    static String firstLine(String tool, String arg) {
        try {
            CommandResult r = ExternalCommand.of(tool, arg).timeout(Duration.ofMinutes(10)).run();
            String s = r.output().strip();
            return s.isEmpty() ? tool : s.lines().findFirst().orElse(tool);
        } catch (CommandException e) {
            return tool + ": not found";
        }
    }
}
