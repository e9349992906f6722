package sohu.verify;

/**
 * One independent, deterministic check of a block: it opens its own simulation(s) through the
 * {@link CheckContext}, drives vectors, compares every result with the golden model and throws a
 * {@link Mismatch} at the first difference.
 *
 * @param block the block's name ({@code fma}, {@code array})
 * @param name  unique name, {@code block/what} (used by {@code --check} to replay it)
 * @param body  the check itself
 */
public record BlockCheck(String block, String name, Body body) {
    /** What a check runs. */
    @FunctionalInterface
    public interface Body {
        /** Runs the check; returns the vectors (operations or result elements) it compared. */
        long run(CheckContext ctx);
    }

    /** A check named {@code block/what}. */
    public static BlockCheck of(String block, String what, Body body) {
        return new BlockCheck(block, block + "/" + what, body);
    }
}
