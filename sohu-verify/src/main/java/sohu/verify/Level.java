package sohu.verify;

import java.util.Locale;

/** How much a regression runs: a quick smoke run, the full regression, or exhaustive where feasible. */
public enum Level {
    /** A few representative vectors of every check: minutes for a 16x16 engine. */
    SMOKE,
    /** Every check at the size the project's own suite uses. */
    FULL,
    /** Exhaustive where the input space allows it (every FP8 pair), longer random runs otherwise. */
    EXHAUSTIVE;

    /** The option spelling: {@code smoke}, {@code full}, {@code exhaustive}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
