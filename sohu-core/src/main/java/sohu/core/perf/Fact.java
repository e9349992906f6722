package sohu.core.perf;

/**
 * One hardware constant as the report prints it: what it is, its value, and where it comes from
 * (a data sheet, paper or announcement) or, when nothing published backs it, {@link #ASSUMPTION}
 * with the reason.
 *
 * @param hardware which chip
 * @param quantity what the constant is
 * @param value    the value with its unit
 * @param source   citation, or a text starting with {@link #ASSUMPTION}
 */
public record Fact(String hardware, String quantity, String value, String source) {
    /** Prefix of a source that is an assumption, not a published figure. */
    public static final String ASSUMPTION = "ASSUMPTION: ";

    /** Whether the value is assumed rather than published. */
    public boolean assumption() {
        return source.startsWith(ASSUMPTION);
    }
}
