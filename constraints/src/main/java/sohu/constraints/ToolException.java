package sohu.constraints;

/** An external tool (Yosys, nextpnr) failed or reported a problem treated as an error. */
public final class ToolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure with a message that says what failed and where the log is. */
    public ToolException(String message) {
        super(message);
    }

    /** A failure caused by {@code cause}. */
    public ToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
