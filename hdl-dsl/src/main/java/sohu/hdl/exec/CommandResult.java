package sohu.hdl.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A finished command.
 *
 * @param command the command, program first
 * @param exit    its exit status
 * @param output  everything it printed, stdout and stderr merged (empty when its output was
 *                inherited)
 * @param log     the file that holds the output, or null when it was captured into a temporary
 *                file (deleted) or inherited
 * @param elapsed wall time
 */
public record CommandResult(List<String> command, int exit, String output, Path log, Duration elapsed) {
    /** Copies the command. */
    public CommandResult {
        command = List.copyOf(command);
    }

    /** Whether it exited with status 0. */
    public boolean ok() {
        return exit == 0;
    }
}
