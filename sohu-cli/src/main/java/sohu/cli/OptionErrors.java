package sohu.cli;

import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Turns a configuration's own validation error into a usage error that names the option the user typed. */
public final class OptionErrors {
    private OptionErrors() {
    }

    /**
     * Applies one option to a configuration; its error names the option ("--depth must be a power
     * of two ..."), not the configuration's field ("aDepth must ..."), so the rule lives only in the
     * configuration.
     */
    public static <T> T apply(CommandSpec spec, String option, Supplier<T> apply) {
        try {
            return apply.get();
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            int must = m.indexOf(" must ");
            throw new ParameterException(spec.commandLine(), option + (must >= 0 ? m.substring(must) : ": " + m));
        }
    }
}
