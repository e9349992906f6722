package sohu.cli.sweep;

import java.time.Duration;
import sohu.hdl.exec.CommandException;
import sohu.hdl.exec.ExternalCommand;

/** Whether this process's stderr is a terminal (Java has no isatty for it). */
public final class Terminal {
    private Terminal() { }

    /** Asks {@code test -t 2} in a child that inherits our stderr; false when that cannot run. */
    public static boolean stderrIsTerminal() {
        if (System.console() == null && System.getenv("TERM") == null) {
            return false;
        }
        try {
            return ExternalCommand.of("sh", "-c", "test -t 2").inheritIO().timeout(Duration.ofMinutes(1)).run().ok();
        } catch (CommandException e) {
            return false;
        }
    }
}
