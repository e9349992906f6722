package sohu.verilator;

/** A simulation could not be built, loaded or continued. */
public class SimException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message (also called from the JNI dispatcher). */
    public SimException(String message) {
        super(message);
    }

    /** Creates an exception with a message and a cause. */
    public SimException(String message, Throwable cause) {
        super(message, cause);
    }
}
