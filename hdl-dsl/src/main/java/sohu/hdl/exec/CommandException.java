package sohu.hdl.exec;

import java.util.List;

/**
 * A command could not start, did not finish within its timeout, or (for
 * {@link ExternalCommand#check}) exited non-zero. The message names the command, says what happened and
 * ends with the last lines of the tool's output; {@link #output()} has all of it.
 */
public final class CommandException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int SHOWN_LINES = 40;

    /** What went wrong. */
    public enum Kind {
        /** The program could not be started (not installed, not executable, bad folder). */
        CANNOT_START,
        /** It ran longer than its timeout and was killed with its children. */
        TIMED_OUT,
        /** It finished with a non-zero exit status. */
        FAILED,
        /** The waiting thread was interrupted; the process was killed. */
        INTERRUPTED
    }

    private final Kind kind;
    private final List<String> command;
    private final transient CommandResult result;

    CommandException(Kind kind, List<String> command, String what, CommandResult result, Throwable cause) {
        super(what + tail(result), cause);
        this.kind = kind;
        this.command = List.copyOf(command);
        this.result = result;
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }

    /** The command, program first. */
    public List<String> command() {
        return command;
    }

    /** Everything the tool printed (stdout and stderr merged), empty if it never started. */
    public String output() {
        return result == null ? "" : result.output();
    }

    /** The finished run, or null if it did not finish. */
    public CommandResult result() {
        return result;
    }

    private static String tail(CommandResult r) {
        if (r == null || r.output().isBlank()) {
            return "";
        }
        List<String> lines = r.output().strip().lines().toList();
        int from = Math.max(0, lines.size() - SHOWN_LINES);
        String shown = String.join("\n", lines.subList(from, lines.size()));
        return "\n" + (from > 0 ? "... (" + from + " earlier lines" + (r.log() != null ? " in " + r.log() : "") + ")\n" : "")
                + shown;
    }
}
