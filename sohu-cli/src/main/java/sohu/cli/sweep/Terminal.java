package sohu.cli.sweep;

import java.io.File;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Whether this process's stderr is a terminal (Java has no isatty for it). */
public final class Terminal {
    private Terminal() { }

    /** Asks {@code test -t 2} in a child that inherits our stderr; false when that cannot run. */
    public static boolean stderrIsTerminal() {
        if (System.console() == null && System.getenv("TERM") == null) {
            return false;
        }
        try {
            Process p = new ProcessBuilder("sh", "-c", "test -t 2")
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
