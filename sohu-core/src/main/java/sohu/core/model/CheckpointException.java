package sohu.core.model;

/**
 * A model folder, {@code config.json} or {@code .safetensors} file that cannot be used: the message
 * is one line naming the file, the key or tensor, and what is wrong.
 */
public final class CheckpointException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** A problem with {@code file}: the message reads "{@code file}: {@code what}". */
    public CheckpointException(Object file, String what) {
        super(file + ": " + what);
    }
}
