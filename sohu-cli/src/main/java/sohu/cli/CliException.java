package sohu.cli;

/** A failure a command reports in one line, with its exit code; never a stack trace. */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    /** A failure with exit code 1. */
    public CliException(String message) {
        this(message, Main.EXIT_FAILURE);
    }

    /** A failure with the given exit code. */
    public CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The process exit code. */
    public int exitCode() {
        return exitCode;
    }
}
