package sohu.verilator;

import java.util.regex.Pattern;

/**
 * An assertion or assumption of the design failed ({@code assertThat} / {@code assume} of
 * the language, or any immediate assertion whose message follows their format). The
 * simulation is closed; the exception says where in the Java source the check was written.
 */
public final class SimAssertionException extends SimException {
    private static final long serialVersionUID = 1L;

    /** The failure message the language emits: {@code sohu assert at File.java:12: text}. */
    static final Pattern MESSAGE = Pattern.compile("sohu (assert|assume) at (\\S+:\\d+): (.*)$");

    private final String kind;
    private final String location;
    private final String userMessage;
    private final long cycle;
    private final String clock;

    SimAssertionException(String text, String kind, String location, String userMessage, long cycle, String clock) {
        super(text);
        this.kind = kind;
        this.location = location;
        this.userMessage = userMessage;
        this.cycle = cycle;
        this.clock = clock;
    }

    /** {@code assert} or {@code assume}. */
    public String kind() {
        return kind;
    }

    /** The Java file:line of the check, e.g. {@code Counter.java:42}. */
    public String location() {
        return location;
    }

    /** The message given to the check. */
    public String userMessage() {
        return userMessage;
    }

    /** The cycle (1-based, of {@link #clock()}) at whose rising edge the check failed. */
    public long cycle() {
        return cycle;
    }

    /** The clock port that was being stepped. */
    public String clock() {
        return clock;
    }
}
