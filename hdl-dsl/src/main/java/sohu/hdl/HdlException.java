package sohu.hdl;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when elaboration finds errors; carries all of them, each with its location. */
public final class HdlException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Diagnostic> diagnostics;

    /** An exception reporting every diagnostic. */
    public HdlException(List<Diagnostic> diagnostics) {
        super(diagnostics.size() + " error(s) in the design:\n" + diagnostics.stream()
                .map(Diagnostic::toString).collect(Collectors.joining("\n")));
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** The errors, in the order found. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
