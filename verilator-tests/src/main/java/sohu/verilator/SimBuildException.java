package sohu.verilator;

import java.util.List;

/** A build tool (Verilator, make, g++) failed; carries the command and the tool's output. */
public final class SimBuildException extends SimException {
    private static final long serialVersionUID = 1L;
    private static final int SHOWN_LINES = 40;

    private final List<String> command;
    private final String output;

    /** Creates the exception; the message shows the command and the first lines of output. */
    public SimBuildException(String what, List<String> command, String output) {
        super(what + "\ncommand: " + String.join(" ", command) + "\n" + head(output));
        this.command = List.copyOf(command);
        this.output = output;
    }

    /** The command that failed. */
    public List<String> command() {
        return command;
    }

    /** The complete output (stdout and stderr merged) of the failed command. */
    public String output() {
        return output;
    }

    private static String head(String output) {
        String[] lines = output.split("\n", -1);
        if (lines.length <= SHOWN_LINES) return output;
        return String.join("\n", List.of(lines).subList(0, SHOWN_LINES))
                + "\n... (" + (lines.length - SHOWN_LINES) + " more lines)";
    }
}
