package sohu.hdl.ir;

import java.util.Set;

/**
 * A place in the user's Java source, attached to every declaration and statement so
 * that diagnostics can point at the line that caused them.
 */
public record SourceLoc(String file, int line) {

    /** Packages whose frames are the language itself, skipped when looking for the user's line. */
    private static final Set<String> INTERNAL = Set.of(
            "sohu.hdl", "sohu.hdl.ir", "sohu.hdl.check", "sohu.hdl.emit", "sohu.hdl.lib");

    private static final StackWalker WALKER = StackWalker.getInstance();

    /** An unknown location (for generated code). */
    public static final SourceLoc UNKNOWN = new SourceLoc("<unknown>", 0);

    /** Stands for every location while locations are not being captured. */
    public static final SourceLoc NOT_CAPTURED = new SourceLoc("<location not captured>", 0);

    /** Per thread: whether {@link #capture()} walks the stack (it costs microseconds per call). */
    private static final ThreadLocal<boolean[]> SKIP = ThreadLocal.withInitial(() -> new boolean[1]);

    /**
     * Runs {@code body} with location capture off ({@link #capture()} returns
     * {@link #NOT_CAPTURED}); the elaborator does this first and elaborates again with
     * locations only when there is an error to report.
     */
    public static <T> T withoutCapture(java.util.function.Supplier<T> body) {
        boolean[] skip = SKIP.get();
        boolean before = skip[0];
        skip[0] = true;
        try {
            return body.get();
        } finally {
            skip[0] = before;
        }
    }

    /** The first stack frame outside the language's own packages and the JDK. */
    public static SourceLoc capture() {
        if (SKIP.get()[0]) {
            return NOT_CAPTURED;
        }
        return captureAlways();
    }

    /**
     * The user's location even while capture is off: for the few statements whose
     * location is part of the emitted design (an assertion names its Java line).
     */
    public static SourceLoc captureAlways() {
        return WALKER.walk(frames -> frames
                .filter(f -> !isInternal(f.getClassName()))
                .findFirst()
                .map(f -> new SourceLoc(f.getFileName() == null ? f.getClassName() : f.getFileName(), f.getLineNumber()))
                .orElse(UNKNOWN));
    }

    private static boolean isInternal(String className) {
        if (className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")) {
            return true;
        }
        int dot = className.lastIndexOf('.');
        return dot > 0 && INTERNAL.contains(className.substring(0, dot));
    }

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
